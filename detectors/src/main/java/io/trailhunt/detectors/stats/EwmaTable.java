package io.trailhunt.detectors.stats;

import java.util.Arrays;

/**
 * A fixed number of exponentially weighted means and variances, kept in flat arrays so a state
 * holding many of them (one per action class and hour of day) stays small and Kryo-free. Floats:
 * the baselines are counts per hour, where seven significant digits are plenty.
 *
 * <p>The update is the incremental form of the exponentially weighted moving variance (Finch,
 * "Incremental calculation of weighted mean and variance", 2009): with {@code d = x - mean},
 * {@code mean += alpha * d} and {@code variance = (1 - alpha) * (variance + alpha * d * d)}.
 * The first value seeds the mean with a variance of zero.
 */
public class EwmaTable {
    public float[] mean;
    public float[] variance;
    /** How many values each entry has seen (capped at Integer.MAX_VALUE). */
    public int[] count;

    public EwmaTable() {}

    public EwmaTable(int size) {
        mean = new float[size];
        variance = new float[size];
        count = new int[size];
    }

    /** The smoothing factor whose centre of mass matches a simple average over {@code span} values. */
    public static double alphaForSpan(double span) {
        if (span < 1) {
            throw new IllegalArgumentException("span must be at least 1, was " + span);
        }
        return 2.0 / (span + 1.0);
    }

    public void update(int i, double x, double alpha) {
        if (count[i] == 0) {
            mean[i] = (float) x;
            variance[i] = 0f;
        } else {
            double m = mean[i];
            double d = x - m;
            double increment = alpha * d;
            mean[i] = (float) (m + increment);
            variance[i] = (float) ((1 - alpha) * (variance[i] + d * increment));
        }
        if (count[i] < Integer.MAX_VALUE) {
            count[i]++;
        }
    }

    public double mean(int i) {
        return mean[i];
    }

    public double stdDev(int i) {
        return Math.sqrt(Math.max(0, variance[i]));
    }

    public int count(int i) {
        return count[i];
    }

    public int size() {
        return mean.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EwmaTable t && Arrays.equals(mean, t.mean) && Arrays.equals(variance, t.variance) && Arrays.equals(count, t.count);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean);
    }
}
