package io.trailhunt.job.graph;

import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts reported findings, and apart from them the updates of folded repeats, for the end-of-run summary. */
public class CountFindings extends RichMapFunction<Finding, Finding> {
    private static final long serialVersionUID = 1L;

    private transient LongCounter findings;
    private transient LongCounter updates;

    @Override
    public void open(OpenContext openContext) {
        findings = getRuntimeContext().getLongCounter(Accumulators.FINDINGS);
        updates = getRuntimeContext().getLongCounter(Accumulators.FINDING_UPDATES);
    }

    @Override
    public Finding map(Finding f) {
        (f.update ? updates : findings).add(1);
        return f;
    }
}
