package io.trailhunt.detectors.volume;

import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.EwmaTable;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.EvidenceListTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per principal: the counts of the hours still open (events of an hour may arrive until the
 * watermark passes its end), a few sample events of each, and the baselines: per action class,
 * one exponentially weighted mean and variance over all hours and one per hour of day (UTC).
 */
public class VolumeState {
    public static final int OPEN_HOURS = 4;
    public static final int CLASSES = ActionClass.values().length;
    /** Per class: the all-hours baseline, then 24 hour-of-day baselines. */
    public static final int PER_CLASS = 25;
    /** Sample events kept per open hour and class: the first few and the latest ones. */
    public static final int FIRST_SAMPLES = 3;
    public static final int LAST_SAMPLES = 1;

    public PrincipalRef who;
    /** The first hour (epoch hours) the principal was seen. */
    public long firstHour;
    /** The last hour whose counts went into the baselines; Long.MIN_VALUE before the first. */
    public long lastClosedHour = Long.MIN_VALUE;
    /** Epoch hours of the open hours; Long.MIN_VALUE for a free slot. */
    public long[] openHours = filled(OPEN_HOURS);
    /** Counts of the open hours: index slot * CLASSES + class. */
    public int[] openCounts = new int[OPEN_HOURS * CLASSES];
    /** Samples of the open hours, tagged with details volume_hour and volume_class. */
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> samples = new ArrayList<>();
    public EwmaTable baselines = new EwmaTable(CLASSES * PER_CLASS);
    public long forgetAt;
    /** The one expiry timer pending ({@link io.trailhunt.detectors.common.ForgetTimer}); 0: none. */
    public long forgetTimerAt;

    public VolumeState() {}

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MIN_VALUE);
        return a;
    }

    public static int global(int cls) {
        return cls * PER_CLASS;
    }

    public static int seasonal(int cls, int hourOfDay) {
        return cls * PER_CLASS + 1 + hourOfDay;
    }
}
