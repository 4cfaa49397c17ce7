package io.trailhunt.detectors.stats;

/**
 * How many standard deviations a count lies above its baseline. Counts of calls are roughly
 * Poisson, so a baseline that has been flat (variance near zero) is given the Poisson spread
 * {@code sqrt(mean)}, and at least 1: a principal that always makes exactly 12 calls an hour
 * is not 40 sigma out when it makes 13.
 */
public final class ZScore {
    private ZScore() {}

    /** The standard deviation actually used: the larger of the observed one, sqrt(mean) and 1. */
    public static double effectiveStdDev(double mean, double stdDev) {
        return Math.max(stdDev, Math.max(1.0, Math.sqrt(Math.max(0.0, mean))));
    }

    public static double of(double x, double mean, double stdDev) {
        return (x - mean) / effectiveStdDev(mean, stdDev);
    }
}
