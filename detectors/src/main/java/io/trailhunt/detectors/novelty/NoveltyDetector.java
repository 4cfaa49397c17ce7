package io.trailhunt.detectors.novelty;

import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.ForgetTimer;
import io.trailhunt.detectors.SharedModelDetector;
import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.detectors.stats.CategoricalCounts;
import io.trailhunt.detectors.stats.Confidence;
import io.trailhunt.detectors.stats.InformationContent;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code novel-activity}: how surprising is this principal doing this action, on this service,
 * from this network (ASN) and country, with this client family? Each component's value gets a
 * probability from the principal's own counts shrunk towards the population's frequencies
 * ({@link InformationContent#withPrior}; the population prior is Laplace-smoothed, so a value
 * nobody has used is rare, not impossible); the event's score is the sum of the components'
 * information content in bits. Every event is scored (and written to the scores output when one
 * is configured); one above {@code threshold-bits} is reported once the principal has
 * {@code min-events} events over {@code min-history}, at most once per {@code report-cooldown}.
 * The event is learned after it is scored. The population model is per subtask (see
 * {@link PopulationModel}).
 */
public final class NoveltyDetector implements SharedModelDetector<NoveltyState, PopulationModel> {
    public static final String RULE_ID = "novel-activity";
    public static final String[] COMPONENTS = {"action", "service", "asn", "country", "client"};
    private static final long serialVersionUID = 1L;
    private static final long DAY = 86_400_000L;

    private final NoveltySettings settings;
    private transient PopulationModel population;

    public NoveltyDetector(NoveltySettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<NoveltyState> stateClass() {
        return NoveltyState.class;
    }

    @Override
    public Class<PopulationModel> modelClass() {
        return PopulationModel.class;
    }

    @Override
    public PopulationModel model() {
        if (population == null) {
            population = PopulationModel.empty();
        }
        return population;
    }

    @Override
    public void restoreModel(List<PopulationModel> snapshots) {
        population = PopulationModel.merge(snapshots, settings.populationMaxValues());
    }

    @Override
    public Duration stateTtl() {
        return settings.forgetAfter().plusDays(2);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        // Anonymous callers are keyed per internet address: no identity to learn, and an unbounded number of keys.
        return e.principalType != PrincipalType.ANONYMOUS;
    }

    /** The event's value of each component; unknown ones are a value of their own ("?"). */
    public static String[] values(AuditEvent e) {
        Geo g = e.geo != null ? e.geo : e.providerGeo;
        return new String[] {
            orUnknown(e.action),
            orUnknown(e.service),
            g == null || g.asn == null ? "?" : "AS" + g.asn,
            g == null || g.countryIso == null ? "?" : g.countryIso,
            ClientFamily.of(e.userAgent)
        };
    }

    private static String orUnknown(String s) {
        return s == null ? "?" : s;
    }

    @Override
    public NoveltyState onEvent(NoveltyState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            return state;
        }
        PopulationModel pop = model();
        NoveltyState s = state;
        if (s == null) {
            s = new NoveltyState();
            s.counts = new CategoricalCounts(COMPONENTS.length);
            s.firstSeen = e.eventTime;
            pop.principals++;
        }
        s.firstSeen = Math.min(s.firstSeen, e.eventTime);
        String[] values = values(e);
        double[] bits = score(s.counts, pop, values);
        double total = 0;
        int most = 0;
        for (int c = 0; c < bits.length; c++) {
            total += bits[c];
            if (bits[c] > bits[most]) {
                most = c;
            }
        }
        int history = s.counts.total(0);
        boolean warmingUp = history < settings.minEvents() || e.eventTime - s.firstSeen < settings.minHistory().toMillis();
        boolean cooling = s.lastReported != Long.MIN_VALUE && e.eventTime < s.lastReported + settings.reportCooldown().toMillis()
                && e.eventTime >= s.lastReported;
        boolean report = !warmingUp && !cooling && total >= settings.thresholdBits();
        if (report) {
            s.lastReported = e.eventTime;
            ctx.emit(finding(e, s, pop, values, bits, total, most, history));
        }
        if (ctx.wantsScores()) {
            ctx.emitScore(observation(e, values, bits, total, most, history, warmingUp, report));
        }
        learn(s, pop, values);
        long forgetAt = Math.floorDiv(e.eventTime + settings.forgetAfter().toMillis() + DAY - 1, DAY) * DAY;
        if (forgetAt > s.forgetAt) {
            s.forgetAt = forgetAt;
        }
        s.forgetTimerAt = ForgetTimer.afterActivity(s.forgetTimerAt, s.forgetAt, ctx);
        return s;
    }

    @Override
    public NoveltyState onTimer(NoveltyState s, long timestamp, DetectorContext ctx) {
        s.forgetTimerAt = ForgetTimer.onTimer(s.forgetTimerAt, s.forgetAt, timestamp, ctx);
        if (timestamp < s.forgetAt) {
            return s;
        }
        // Forgotten: it no longer uses its values, and when it comes back it is counted as new again.
        PopulationModel pop = model();
        s.counts.forEach((c, v) -> pop.principalsUsing.remove(c, v, 1));
        pop.principals = Math.max(0, pop.principals - 1);
        return null;
    }

    /** Information content of each component's value for this principal, in bits. */
    double[] score(CategoricalCounts own, PopulationModel pop, String[] values) {
        double[] bits = new double[values.length];
        CategoricalCounts everyone = pop.principalsUsing;
        for (int c = 0; c < values.length; c++) {
            double prior = InformationContent.laplace(everyone.count(c, values[c]), everyone.total(c), everyone.distinct(c), 1.0);
            double p = InformationContent.withPrior(own.count(c, values[c]), own.total(c), prior, settings.priorStrength());
            bits[c] = InformationContent.bits(p);
        }
        return bits;
    }

    /**
     * Counts the event's values for the principal; the population counts, per value, the principals
     * whose counts hold it: a value gained adds one, a value the principal's counts drop (evicted
     * for a new one, or faded by halving) takes one off, so a value coming back is not counted twice.
     */
    private void learn(NoveltyState s, PopulationModel pop, String[] values) {
        CategoricalCounts.Forgotten dropped = (c, v) -> pop.principalsUsing.remove(c, v, 1);
        for (int c = 0; c < values.length; c++) {
            if (s.counts.count(c, values[c]) == 0) {
                pop.principalsUsing.add(c, values[c], 1, settings.populationMaxValues(), Integer.MAX_VALUE / 2);
            }
            s.counts.add(c, values[c], 1, settings.maxValues(), NoveltySettings.MAX_TOTAL, dropped);
        }
    }

    private io.trailhunt.events.model.Finding finding(AuditEvent e, NoveltyState s, PopulationModel pop, String[] values, double[] bits,
                                                      double total, int most, int history) {
        StringBuilder components = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            components.append(c == 0 ? "" : ", ").append(COMPONENTS[c]).append('=').append(values[c]).append(' ').append(fmt(bits[c]));
        }
        String comp = COMPONENTS[most];
        int own = s.counts.count(most, values[most]);
        int others = pop.principalsUsing.count(most, values[most]);
        FindingBuilder f = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title("Novel activity: " + comp + " " + values[most] + " (" + fmt(total) + " bits)")
                .severity(total >= 2 * settings.thresholdBits() ? Severity.HIGH : Severity.MEDIUM)
                .confidence(Confidence.over(total, settings.thresholdBits()))
                .mitre("T1078")
                .subject(comp + ":" + values[most])
                .fact("score_bits", fmt(total))
                .fact("threshold_bits", fmt(settings.thresholdBits()))
                .fact("most_novel", comp)
                .fact("most_novel_value", values[most])
                .fact("most_novel_bits", fmt(bits[most]))
                .fact("components", components.toString())
                .fact("history_events", history)
                .fact("principal_uses_of_value", own)
                .fact("principals_using_value", others)
                .fact("principals_in_model", pop.principals)
                .evidence(e);
        f.explanation(e.principal + " called " + e.action + " on " + e.service + (e.sourceIp == null ? "" : " from " + e.sourceIp)
                + ", which scores " + fmt(total) + " bits of surprise against its " + history + " earlier events and its peers (threshold "
                + fmt(settings.thresholdBits()) + "). Most novel: " + comp + " " + values[most] + " (" + fmt(bits[most]) + " bits; used "
                + own + " times by this principal and by " + others + " of " + pop.principals + " principals). Components: " + components
                + ". Check with the owner whether this is a new tool, place or task, or someone else using the identity.");
        return f.build();
    }

    private static ScoredObservation observation(AuditEvent e, String[] values, double[] bits, double total, int most, int history,
                                                 boolean warmingUp, boolean reported) {
        ScoredObservation o = new ScoredObservation();
        o.ruleId = RULE_ID;
        o.eventId = e.eventId;
        o.eventTime = e.eventTime;
        o.cloud = e.cloud;
        o.account = e.account;
        o.principal = e.principal;
        o.service = e.service;
        o.action = e.action;
        o.sourceIp = e.sourceIp;
        o.scoreBits = total;
        o.mostNovel = COMPONENTS[most];
        o.components = COMPONENTS.clone();
        o.values = values;
        o.bits = bits;
        o.historyEvents = history;
        o.warmingUp = warmingUp;
        o.reported = reported;
        return o;
    }

    static String fmt(double bits) {
        return String.format(Locale.ROOT, "%.1f", bits);
    }
}
