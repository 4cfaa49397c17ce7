package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.host.DetectorKey;
import io.trailhunt.detectors.host.KeyedDetectorsFunction;
import io.trailhunt.detectors.risk.PrincipalRiskFunction;
import io.trailhunt.detectors.risk.RiskKey;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.suppress.SuppressFindingsFunction;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.detectors.suppress.Suppressor;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyed part of the job graph as chained operator harnesses: keyed detectors → suppression →
 * principal-risk, as TrailhuntPipeline wires them, driven in event time by the test.
 */
public final class MiniPipeline implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> detectors;
    private final KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> suppress;
    private final KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> risk;
    public final List<Finding> reported = new ArrayList<>();
    public long events;

    public MiniPipeline(List<Detector<?>> keyed, RiskSettings riskSettings, String backend) throws Exception {
        detectors = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new KeyedDetectorsFunction(keyed)),
                DetectorKey::of, Types.STRING);
        suppress = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SuppressFindingsFunction(SuppressionSettings.defaults())),
                Suppressor::key, Types.STRING);
        risk = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PrincipalRiskFunction(riskSettings)),
                RiskKey::of, Types.STRING);
        for (var h : List.of(detectors, suppress, risk)) {
            h.getExecutionConfig().disableGenericTypes();
            h.setStateBackend(backend(backend));
            h.open();
        }
    }

    private static StateBackend backend(String name) {
        if (!name.equals("rocksdb")) {
            return new HashMapStateBackend();
        }
        EmbeddedRocksDBStateBackend rocks = new EmbeddedRocksDBStateBackend();
        rocks.getMemoryConfiguration().setUseManagedMemory(false); // see BaselinesAcrossRestoreTest
        return rocks;
    }

    public void event(AuditEvent e) throws Exception {
        events++;
        detectors.processElement(new StreamRecord<>(e, e.eventTime));
        drain();
    }

    /** Feeds events in their order, moving the watermark in ten-minute steps a minute behind the newest event. */
    public void replay(List<AuditEvent> events) throws Exception {
        long step = 600_000L;
        for (AuditEvent e : events) {
            if (nextWatermark == Long.MIN_VALUE) {
                nextWatermark = e.eventTime - Math.floorMod(e.eventTime, step) + step;
            }
            while (e.eventTime >= nextWatermark + 60_000) {
                watermark(nextWatermark);
                nextWatermark += step;
            }
            event(e);
        }
    }

    private long nextWatermark = Long.MIN_VALUE;

    public void watermark(long t) throws Exception {
        detectors.processWatermark(new Watermark(t));
        drain();
        suppress.processWatermark(new Watermark(t));
        risk.processWatermark(new Watermark(t));
        drainRisk();
    }

    /** Event-time timers the keyed detectors' operator holds now, over all principals. */
    public int detectorTimers() {
        return detectors.numEventTimeTimers();
    }

    private void drain() throws Exception {
        for (Finding f : detectors.extractOutputValues()) {
            suppress.processElement(new StreamRecord<>(f, f.lastSeen));
        }
        detectors.getOutput().clear();
        for (Finding f : suppress.extractOutputValues()) {
            reported.add(f);
            risk.processElement(new StreamRecord<>(f, f.lastSeen));
        }
        suppress.getOutput().clear();
        drainRisk();
    }

    private void drainRisk() {
        reported.addAll(risk.extractOutputValues());
        risk.getOutput().clear();
    }

    @Override
    public void close() throws Exception {
        detectors.close();
        suppress.close();
        risk.close();
    }
}
