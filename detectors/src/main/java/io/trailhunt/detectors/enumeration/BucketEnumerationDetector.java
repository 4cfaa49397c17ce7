package io.trailhunt.detectors.enumeration;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.Confidence;
import io.trailhunt.detectors.stats.SlotCounts;
import io.trailhunt.detectors.storage.Burst;
import io.trailhunt.detectors.storage.RecentCalls;
import io.trailhunt.detectors.storage.StorageCalls;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bucket-enumeration}: listing spikes (ListBuckets, ListObjects(V2), ListObjectVersions,
 * HeadBucket; GCS storage.buckets.list / storage.objects.list; Azure ListBlobs / ListContainers),
 * many distinct buckets touched, or many distinct buckets refused (brute-forcing bucket names),
 * within a sliding window. Anonymous callers are keyed by source address (see
 * {@code host.DetectorKey}), so each scanner address is its own actor. Reported once per burst,
 * when the caller has been quiet for {@code quiet-period} (or the burst has lasted a window).
 */
public final class BucketEnumerationDetector implements Detector<BucketEnumerationState> {
    public static final String RULE_ID = "bucket-enumeration";
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = 60_000L;

    private final BucketEnumerationSettings settings;

    public BucketEnumerationDetector(BucketEnumerationSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<BucketEnumerationState> stateClass() {
        return BucketEnumerationState.class;
    }

    @Override
    public Duration stateTtl() {
        return settings.window().multipliedBy(2).plus(settings.quietPeriod()).plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        return StorageCalls.isStorage(e);
    }

    @Override
    public BucketEnumerationState onEvent(BucketEnumerationState state, AuditEvent e, DetectorContext ctx) {
        boolean listing = StorageCalls.isListing(e);
        boolean refused = StorageCalls.isRefused(e);
        String bucket = StorageCalls.bucket(e);
        if ((!listing && !refused && bucket == null) || settings.allow().allows(e)) {
            return state;
        }
        BucketEnumerationState s = state;
        if (s == null) {
            s = new BucketEnumerationState();
            s.who = PrincipalRef.of(e);
            s.sourceIp = e.principalType == PrincipalType.ANONYMOUS ? e.sourceIp : null;
            long window = settings.window().toMillis();
            s.listings = SlotCounts.covering(window, RecentCalls.SLOTS_PER_WINDOW);
            s.probes = new RecentCalls(window);
        } else if (s.burst == null && e.eventTime <= s.newest - settings.window().toMillis() && !listing && !refused) {
            return s; // far out of order and not a probe: nothing to learn from it
        }
        if (s.burst != null && isOver(s.burst, e.eventTime)) {
            report(s, ctx);
        }
        s.newest = Math.max(s.newest, e.eventTime);
        long horizon = e.eventTime - settings.window().toMillis();
        boolean newBucket = bucket != null && !recent(s.buckets, bucket, horizon);
        if (listing) {
            s.listings.add(e.eventTime, 1, 0);
        }
        if (bucket != null) {
            remember(s.buckets, bucket, e.eventTime);
            if (refused) {
                remember(s.refused, bucket, e.eventTime);
            }
        }
        boolean probe = listing || refused || newBucket;
        boolean counted = probe && s.probes.add(e, bucket, 0);
        long listings = s.listings.count(e.eventTime);
        int distinct = countSince(s.buckets, horizon, e.eventTime);
        int refusedBuckets = countSince(s.refused, horizon, e.eventTime);
        if (s.burst != null) {
            if (probe) {
                s.burst.add(e, bucket, 0, s.probes);
            }
            s.peakListings = Math.max(s.peakListings, listings);
            s.peakBuckets = Math.max(s.peakBuckets, distinct);
            s.peakRefused = Math.max(s.peakRefused, refusedBuckets);
        } else if (counted) {
            String trigger = refusedBuckets > settings.maxRefusedBuckets() ? "refused-buckets"
                    : distinct > settings.maxBuckets() ? "distinct-buckets"
                    : listings > settings.maxListings() ? "listings" : null;
            if (trigger != null) {
                s.burst = Burst.open(s.probes, e, trigger);
                s.peakListings = listings;
                s.peakBuckets = distinct;
                s.peakRefused = refusedBuckets;
            }
        }
        scheduleTimers(s, ctx);
        return s;
    }

    @Override
    public BucketEnumerationState onTimer(BucketEnumerationState s, long timestamp, DetectorContext ctx) {
        if (s.burst != null && isOver(s.burst, timestamp)) {
            report(s, ctx);
        }
        if (s.burst == null && timestamp >= s.newest + settings.window().toMillis()) {
            return null;
        }
        return s;
    }

    private boolean isOver(Burst b, long now) {
        return now >= b.last + settings.quietPeriod().toMillis() || now >= b.openedAt + settings.window().toMillis();
    }

    private void scheduleTimers(BucketEnumerationState s, DetectorContext ctx) {
        if (s.burst != null) {
            long end = Math.min(s.burst.last + settings.quietPeriod().toMillis(), s.burst.openedAt + settings.window().toMillis());
            ctx.registerTimer(roundUp(end, MINUTE));
        }
        ctx.registerTimer(roundUp(s.newest + settings.window().toMillis(), s.listings.slotMillis));
    }

    private static long roundUp(long t, long unit) {
        return Math.floorDiv(t + unit - 1, unit) * unit;
    }

    private static boolean recent(Map<String, Long> seen, String bucket, long horizon) {
        Long t = seen.get(bucket);
        return t != null && t > horizon;
    }

    /** Remembers the bucket's latest call; when full, forgets the bucket seen longest ago. */
    private void remember(Map<String, Long> seen, String bucket, long time) {
        Long before = seen.get(bucket);
        if (before == null && seen.size() >= settings.bucketMemory()) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, Long> e : seen.entrySet()) {
                if (e.getValue() < oldestTime) {
                    oldest = e.getKey();
                    oldestTime = e.getValue();
                }
            }
            seen.remove(oldest);
        }
        seen.put(bucket, before == null ? time : Math.max(before, time));
    }

    private static int countSince(Map<String, Long> seen, long horizon, long now) {
        int n = 0;
        for (long t : seen.values()) {
            if (t > horizon && t <= now) {
                n++;
            }
        }
        return n;
    }

    private void report(BucketEnumerationState s, DetectorContext ctx) {
        Burst b = s.burst;
        s.burst = null;
        boolean anonymous = s.who.principalType == PrincipalType.ANONYMOUS;
        List<String> refusedNames = new ArrayList<>();
        long horizon = b.last - settings.window().toMillis();
        s.refused.entrySet().stream()
                .filter(r -> r.getValue() > horizon && r.getValue() <= b.last)
                .map(Map.Entry::getKey).sorted().limit(20).forEach(refusedNames::add);
        FindingBuilder f = FindingBuilder.rule(RULE_ID)
                .about(s.who.asEvent())
                .title(title(b.trigger, s))
                .severity(b.trigger.equals("refused-buckets") && !anonymous ? Severity.HIGH : Severity.MEDIUM)
                .confidence(confidence(s))
                .mitre("T1619", "T1580")
                .subject(b.trigger + (s.sourceIp == null ? "" : "@" + s.sourceIp))
                .fact("trigger", b.trigger)
                .fact("listings_per_window", s.peakListings)
                .fact("distinct_buckets_per_window", s.peakBuckets)
                .fact("refused_buckets_per_window", s.peakRefused)
                .fact("calls", b.calls)
                .fact("window", settings.window().toMinutes() + "m")
                .fact("max_listings", settings.maxListings())
                .fact("max_buckets", settings.maxBuckets())
                .fact("max_refused_buckets", settings.maxRefusedBuckets())
                .fact("buckets", b.bucketSummary(10))
                .fact("refused_buckets", refusedNames.isEmpty() ? null : String.join(", ", refusedNames))
                .fact("first_call", Instant.ofEpochMilli(b.first).toString())
                .fact("last_call", Instant.ofEpochMilli(b.last).toString())
                .evidence(b.evidence());
        f.explanation(explain(s, b, refusedNames.size()));
        ctx.emit(f.build());
        // What was told is not counted again: a further burst needs new calls over a threshold.
        s.peakListings = 0;
        s.peakBuckets = 0;
        s.peakRefused = 0;
        s.listings = SlotCounts.covering(settings.window().toMillis(), RecentCalls.SLOTS_PER_WINDOW);
        s.probes = new RecentCalls(settings.window().toMillis());
        s.buckets.clear();
        s.refused.clear();
    }

    /** How far the burst's peaks went past their thresholds: the furthest of the three. */
    private double confidence(BucketEnumerationState s) {
        return Math.max(Confidence.over(s.peakRefused, settings.maxRefusedBuckets()),
                Math.max(Confidence.over(s.peakBuckets, settings.maxBuckets()), Confidence.over(s.peakListings, settings.maxListings())));
    }

    private static String title(String trigger, BucketEnumerationState s) {
        switch (trigger) {
            case "refused-buckets":
                // Anonymous callers guess names; a credential holder probes which buckets it can reach.
                return (s.who.principalType == PrincipalType.ANONYMOUS ? "Bucket name guessing: " : "Bucket probing: ")
                        + s.peakRefused + " buckets refused";
            case "distinct-buckets":
                return "Bucket enumeration: " + s.peakBuckets + " buckets touched";
            default:
                return "Bucket listing spike: " + s.peakListings + " listing calls";
        }
    }

    private String explain(BucketEnumerationState s, Burst b, int refusedShown) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.who.principalType == PrincipalType.ANONYMOUS ? "An anonymous caller at " + s.sourceIp : s.who.principal);
        sb.append(" made ").append(b.calls).append(" storage discovery calls between ").append(Instant.ofEpochMilli(b.first))
                .append(" and ").append(Instant.ofEpochMilli(b.last)).append(": at most ").append(s.peakListings)
                .append(" listing calls, ").append(s.peakBuckets).append(" distinct buckets and ").append(s.peakRefused)
                .append(" refused buckets in ").append(settings.window().toMinutes()).append(" minutes (thresholds ")
                .append(settings.maxListings()).append(", ").append(settings.maxBuckets()).append(", ")
                .append(settings.maxRefusedBuckets()).append(").");
        if (refusedShown > 0) {
            sb.append(" Refused buckets suggest names being guessed.");
        }
        sb.append(" Check who this is and whether any bucket answered; block the source if it is not yours.");
        return sb.toString();
    }
}
