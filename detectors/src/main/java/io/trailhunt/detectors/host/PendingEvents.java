package io.trailhunt.detectors.host;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Holds a principal's events until the watermark passes their time, so the detectors see each
 * principal's history in event-time order whatever order the readers delivered it in (parallel
 * readers of hourly files, Kafka partitions, a late shard). Without it a replay's findings would
 * depend on which reader ran ahead. Events are released by an event-time timer at their own time.
 */
final class PendingEvents {
    static final String STATE_NAME = "pending-events";
    /** Only a safety net: the timers release every entry as soon as the watermark passes it. */
    private static final Duration TTL = Duration.ofDays(7);

    private final MapState<Long, List<AuditEvent>> byTime;

    PendingEvents(RuntimeContext runtime) {
        MapStateDescriptor<Long, List<AuditEvent>> descriptor = new MapStateDescriptor<>(STATE_NAME, Types.LONG,
                Types.LIST(TypeInformation.of(AuditEvent.class)));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(TTL)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        this.byTime = runtime.getMapState(descriptor);
    }

    /**
     * Keeps the event for later, or returns false when the watermark has already passed its time
     * (an event within the allowed lateness): the caller then handles it at once.
     */
    boolean hold(AuditEvent event, TimerService timers) throws Exception {
        if (event.eventTime <= timers.currentWatermark()) {
            return false;
        }
        List<AuditEvent> at = byTime.get(event.eventTime);
        if (at == null) {
            at = new ArrayList<>(1);
            timers.registerEventTimeTimer(event.eventTime);
        }
        at.add(event);
        byTime.put(event.eventTime, at);
        return true;
    }

    /**
     * The events held for this time, now forgotten; empty when none. Events of one principal in the
     * same millisecond (CloudTrail has whole seconds) from different readers arrive in whichever
     * order the readers ran, so they are put in an order of their own, by event id and then origin:
     * the same on every replay.
     */
    List<AuditEvent> release(long time) throws Exception {
        List<AuditEvent> due = byTime.get(time);
        if (due == null) {
            return List.of();
        }
        byTime.remove(time);
        if (due.size() > 1) {
            due.sort(SAME_TIME_ORDER);
        }
        return due;
    }

    private static final Comparator<AuditEvent> SAME_TIME_ORDER = Comparator
            .comparing((AuditEvent e) -> e.eventId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> e.origin, Comparator.nullsLast(Comparator.naturalOrder()));
}
