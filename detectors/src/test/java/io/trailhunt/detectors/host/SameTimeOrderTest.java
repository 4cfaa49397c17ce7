package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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
    private static final class OrderSeen extends HostHarness.FindingStateDetector {
        OrderSeen() {
            super("order-seen");
        }

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
        var h = HostHarness.inEventTimeOrder(detectors, "heap");
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
