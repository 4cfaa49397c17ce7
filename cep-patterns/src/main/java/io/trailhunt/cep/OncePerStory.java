package io.trailhunt.cep;

import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After an NFA whose matches are reported when their window closes (a {@code notFollowedBy} end)
 * and which runs without a skip strategy: one story is then matched with and without its optional
 * first steps, and each match's window closes at its own time, earliest start first. This lets
 * the first (the fullest) through and drops the others. A story is named by its subject and its
 * last event, the step it was decided on; the others arrive within the window after the first, so that is how long
 * the name is kept (an event-time timer clears it, TTL as a safety net). Keyed by principal.
 */
public class OncePerStory extends KeyedProcessFunction<String, Finding, Finding> {
    public static final String STATE = "stories-told";
    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private transient MapState<String, Long> told;

    public OncePerStory(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> d = new MapStateDescriptor<>(STATE, Types.STRING, Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(windowMillis).plusDays(1))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        told = getRuntimeContext().getMapState(d);
    }

    @Override
    public void processElement(Finding f, Context ctx, Collector<Finding> out) throws Exception {
        String story = story(f);
        if (told.contains(story)) {
            return;
        }
        long forget = ctx.timestamp() + windowMillis;
        told.put(story, forget);
        ctx.timerService().registerEventTimeTimer(forget);
        out.collect(f);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Long> e : told.entries()) {
            if (e.getValue() <= timestamp) {
                done.add(e.getKey());
            }
        }
        for (String story : done) {
            told.remove(story);
        }
    }

    /**
     * The story's subject (which snapshot or image) and its deciding event, the last of its
     * evidence (events are in time order, the deciding step last). The subject is part of the name
     * because event ids are not always unique: a log replayed from tests or an export may repeat them.
     */
    static String story(Finding f) {
        Evidence last = f.evidence.get(f.evidence.size() - 1);
        return f.subject + "|" + last.eventId + "@" + last.eventTime;
    }
}
