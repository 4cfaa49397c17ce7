package io.trailhunt.job.graph;

import io.trailhunt.events.model.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs of the pipeline. */
public final class Tags {
    /** Records the decoders could not use. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    /** Events that arrived after the watermark (minus the allowed lateness) had passed them. */
    public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events", TypeInformation.of(DeadLetter.class));

    private Tags() {}
}
