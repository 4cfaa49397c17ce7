package io.trailhunt.detectors;

import java.util.List;

/**
 * A detector that also keeps a model shared by all principals its subtask sees (a population
 * model), beside its keyed state. Keyed state cannot hold it: it is about everyone. The host
 * keeps it in operator state: every subtask snapshots its own model, and on restore (also after a
 * change of parallelism) each subtask is given all snapshots to combine (union redistribution).
 *
 * <p>The model is an approximation of "everyone": the principals hashed to one subtask. Each
 * subtask's copy of the detector holds its own model.
 *
 * @param <M> the model: a Flink POJO (checked without Kryo)
 */
public interface SharedModelDetector<S, M> extends Detector<S> {
    Class<M> modelClass();

    /** This subtask's model (created empty on first use). */
    M model();

    /** Starts this subtask from the snapshots of every subtask of a restored checkpoint. */
    void restoreModel(List<M> snapshots);
}
