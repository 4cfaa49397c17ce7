package io.trailhunt.job.graph;

import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts reported findings for the end-of-run summary. */
public class CountFindings extends RichMapFunction<Finding, Finding> {
    private static final long serialVersionUID = 1L;

    private transient LongCounter findings;

    @Override
    public void open(OpenContext openContext) {
        findings = getRuntimeContext().getLongCounter(Accumulators.FINDINGS);
    }

    @Override
    public Finding map(Finding f) {
        findings.add(1);
        return f;
    }
}
