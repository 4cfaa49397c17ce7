package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** Events of one principal in the same second reach the rules in one order, whichever reader delivered first. */
class SameTimeOrderTest {
    private static final AuditEvent A = aws("s3.amazonaws.com", "ListBuckets").id("a-1").build();
    private static final AuditEvent B = aws("iam.amazonaws.com", "ListUsers").id("b-2").build();
    private static final AuditEvent LATER = aws("sts.amazonaws.com", "GetCallerIdentity").id("c-3").after(Duration.ofSeconds(1)).build();

    /** Writes down the order it saw calls in; reports it at GetCallerIdentity. */
    private static final class OrderSeen implements Detector<Finding> {
        @Override public String ruleId() { return "order-seen"; }
        @Override public Class<Finding> stateClass() { return Finding.class; }
        @Override public Duration stateTtl() { return Duration.ofDays(1); }
        @Override public boolean accepts(AuditEvent event) { return true; }

        @Override
        public Finding onEvent(Finding state, AuditEvent e, DetectorContext ctx) {
            Finding s = new Finding();
            s.ruleId = "order-seen";
            s.subject = (state == null ? "" : state.subject + " ") + e.eventId;
            if (e.action.equals("GetCallerIdentity")) {
                ctx.emit(s);
            }
            return s;
        }
    }

    private static String orderWhenDelivered(AuditEvent... events) throws Exception {
        List<Detector<?>> detectors = List.of(new OrderSeen());
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors, false, true)), AuditEvent::principalKey, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(new HashMapStateBackend());
        try (h) {
            h.open();
            for (AuditEvent e : events) {
                h.processElement(new StreamRecord<>(e, e.eventTime));
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            return h.extractOutputValues().get(0).subject;
        }
    }

    @Test
    void eitherArrivalOrderGivesTheSameOrder() throws Exception {
        assertThat(A.eventTime).isEqualTo(B.eventTime);
        assertThat(orderWhenDelivered(A, B, LATER)).isEqualTo("a-1 b-2 c-3");
        assertThat(orderWhenDelivered(B, A, LATER)).isEqualTo("a-1 b-2 c-3");
    }
}
