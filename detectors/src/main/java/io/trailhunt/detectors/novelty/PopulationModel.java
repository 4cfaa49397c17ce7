package io.trailhunt.detectors.novelty;

import io.trailhunt.detectors.stats.CategoricalCounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Everyone", as one subtask sees it: for each component value, how many of the subtask's
 * principals have used it (a document frequency, so one busy principal does not make its habits
 * everyone's), and how many principals there were. Bounded by {@code population-max-values} per
 * component. See docs/rules.md (novel-activity) for why it is per subtask.
 */
public class PopulationModel {
    public CategoricalCounts principalsUsing;
    public int principals;

    public PopulationModel() {}

    public static PopulationModel empty() {
        PopulationModel m = new PopulationModel();
        m.principalsUsing = new CategoricalCounts(NoveltyDetector.COMPONENTS.length);
        return m;
    }

    /** Combines the snapshots of all subtasks of a restored checkpoint: their average, as each saw a share of the principals. */
    public static PopulationModel merge(List<PopulationModel> snapshots, int maxValues) {
        if (snapshots.isEmpty()) {
            return empty();
        }
        if (snapshots.size() == 1) {
            return snapshots.get(0);
        }
        Map<String, Long> sums = new HashMap<>();
        long principals = 0;
        for (PopulationModel m : snapshots) {
            principals += m.principals;
            m.principalsUsing.counts.forEach((k, v) -> sums.merge(k, (long) v, Long::sum));
        }
        PopulationModel merged = empty();
        merged.principals = (int) Math.round((double) principals / snapshots.size());
        for (Map.Entry<String, Long> e : sums.entrySet()) {
            int average = (int) Math.round((double) e.getValue() / snapshots.size());
            if (average > 0) {
                int component = e.getKey().charAt(0) - '0';
                merged.principalsUsing.add(component, e.getKey().substring(1), average, maxValues, Integer.MAX_VALUE);
            }
        }
        return merged;
    }
}
