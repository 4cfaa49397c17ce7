package io.trailhunt.detectors.stats;

/**
 * Surprise in bits: {@code -log2 p}. Probabilities of categorical values are estimated from
 * counts with smoothing, so a value never seen still has a finite (large) surprise:
 * <ul>
 *   <li>{@link #laplace}: additive smoothing with one extra slot shared by every unseen value,
 *       {@code (count + a) / (total + a * (distinct + 1))};</li>
 *   <li>{@link #withPrior}: a principal's own counts shrunk towards a prior distribution (the
 *       population's), {@code (count + m * prior) / (total + m)}: with little history the prior
 *       dominates, with much history the principal's own habits do.</li>
 * </ul>
 */
public final class InformationContent {
    private static final double LN2 = Math.log(2);

    private InformationContent() {}

    public static double bits(double probability) {
        if (!(probability > 0) || probability > 1) {
            throw new IllegalArgumentException("a probability in (0, 1] is needed, was " + probability);
        }
        return -Math.log(probability) / LN2;
    }

    public static double laplace(long count, long total, int distinct, double pseudoCount) {
        return (count + pseudoCount) / (total + pseudoCount * (distinct + 1));
    }

    public static double withPrior(long count, long total, double prior, double strength) {
        return (count + strength * prior) / (total + strength);
    }
}
