package io.trailhunt.detectors.stats;

/**
 * How strongly a measured finding is borne out by its numbers: 0.5 when the measure is just at its
 * threshold, rising towards 1 the further past it (twice the threshold 0.75, ten times 0.95). One
 * scale for every rule that measures (counts over a threshold, z-scores over k, bits over a
 * threshold, a share under a limit), so their risk scores can be added up by principal-risk.
 */
public final class Confidence {
    private Confidence() {}

    /** For a measure that must exceed {@code threshold}: 1 − threshold / (2 × measure), within [0.5, 1]. */
    public static double over(double measure, double threshold) {
        if (threshold <= 0) {
            return 1;
        }
        return clamp(1 - threshold / (2 * Math.max(measure, threshold)));
    }

    /** For a measure that must stay under {@code limit} (a share of weeks): 1 − measure / (2 × limit), within [0.5, 1]. */
    public static double under(double measure, double limit) {
        if (limit <= 0) {
            return 1;
        }
        return clamp(1 - Math.max(0, Math.min(measure, limit)) / (2 * limit));
    }

    private static double clamp(double c) {
        return Math.max(0.5, Math.min(1, c));
    }
}
