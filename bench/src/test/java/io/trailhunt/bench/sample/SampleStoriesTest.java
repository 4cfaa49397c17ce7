package io.trailhunt.bench.sample;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.settings.Section;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the regenerated sample (the day, its stories and the fortnight before it) shows with the
 * keyed detectors' defaults, replayed in event time: with GeoIP enrichment as MaxMind's test
 * databases give it for the sample's addresses, and without any enrichment (as the job runs before
 * the enrichment step exists). The expectations the job's ITCase takes over once job/sample-data is
 * regenerated.
 */
class SampleStoriesTest {
    @TempDir
    static Path dir;

    private static List<AuditEvent> events;

    @BeforeAll
    static void generate() throws IOException {
        SampleDay.generate(dir, 20261102L);
        events = decode(dir);
    }

    @Test
    void withGeoIpEnrichment() {
        assertThat(findings(true)).containsExactly(
                // the sprayer's attempt on frank (python-requests from a London Tor exit): new for him and nearly for everyone.
                "novel-activity|frank@acme.example|client:python-requests/?|medium",
                // a password sprayer's success from a Tor exit.
                "anonymizing-network|ivan@acme.example|tor-exit|high",
                // bob on his phone's hotspot at 11:20: Verizon Wireless, still the US.
                "new-asn|arn:aws:iam::111122223333:user/bob|AS6167|medium",
                // dave's key in Changchun at 13:02 while dave works in Linköping.
                "impossible-travel|arn:aws:iam::111122223333:user/dave|Linköping, SE -> Changchun, CN|high",
                "new-country|arn:aws:iam::111122223333:user/dave|CN|high",
                "novel-activity|arn:aws:iam::111122223333:user/dave|action:DescribeTrails|medium",
                "credential-persistence|arn:aws:iam::111122223333:user/dave|aws-access-key:svc-backup|high",
                "log-tampering|arn:aws:iam::111122223333:user/dave|trail-stopped:arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail|critical",
                "bulk-object-download|arn:aws:iam::111122223333:user/dave|acme-customer-exports|medium",
                "uncommon-storage-client|arn:aws:iam::111122223333:user/dave|S3 Browser|high",
                "volume-spike|arn:aws:iam::111122223333:user/dave|data|medium",
                // The attacker back at 14:31 with the key made for svc-backup: refused on ten of the account's buckets.
                "bucket-enumeration|arn:aws:iam::111122223333:user/svc-backup|refused-buckets|high",
                // The ETL key through Tor (its history is all inside the VPC, so no place to compare).
                "anonymizing-network|etl-loader@acme-analytics.iam.gserviceaccount.com|tor-exit|high",
                "credential-persistence|etl-loader@acme-analytics.iam.gserviceaccount.com|key-use:3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70|high",
                "many-source-ips|etl-loader@acme-analytics.iam.gserviceaccount.com|window|medium",
                "log-tampering|etl-loader@acme-analytics.iam.gserviceaccount.com|log-sink-deleted:projects/acme-analytics/sinks/audit-to-bigquery|high",
                "volume-spike|etl-loader@acme-analytics.iam.gserviceaccount.com|data|medium",
                // grace signs in from Changchun and acts in the subscription: one identity, one history.
                "impossible-travel|grace@acme.example|Linköping, SE -> Changchun, CN|high",
                "new-country|grace@acme.example|CN|critical",
                "log-tampering|grace@acme.example|diagnostic-setting-deleted:/SUBSCRIPTIONS/3F2E1D0C-B9A8-4765-8432-10FEDCBA9876/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/SEND-TO-SENTINEL|high",
                // alice at home in the evening: the office's provider and city, a new address.
                "new-source-ip|arn:aws:iam::111122223333:user/alice|89.160.20.130|low",
                // The ETL loader, twice a day in the fortnight before, runs hourly today: the night hours outside business
                // hours are new for the account (benign: a changed schedule); each hour is judged when it ends.
                "after-hours-access|etl-loader@acme-analytics.iam.gserviceaccount.com|Mon 21:00-22:00|low",
                "after-hours-access|etl-loader@acme-analytics.iam.gserviceaccount.com|Mon 22:00-23:00|low",
                "after-hours-access|etl-loader@acme-analytics.iam.gserviceaccount.com|Mon 23:00-24:00|low");
    }

    @Test
    void withoutEnrichment() {
        // No places, networks or anonymizer flags: new addresses stand in for new networks and
        // countries, Entra's own location still gives grace's sign-in country, the Tor exit is just an address.
        assertThat(findings(false)).containsExactly(
                "new-source-ip|arn:aws:iam::111122223333:user/bob|149.101.100.5|low",
                "new-source-ip|arn:aws:iam::111122223333:user/dave|175.16.199.20|low",
                "credential-persistence|arn:aws:iam::111122223333:user/dave|aws-access-key:svc-backup|high",
                "log-tampering|arn:aws:iam::111122223333:user/dave|trail-stopped:arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail|critical",
                "bulk-object-download|arn:aws:iam::111122223333:user/dave|acme-customer-exports|medium",
                "uncommon-storage-client|arn:aws:iam::111122223333:user/dave|S3 Browser|high",
                "volume-spike|arn:aws:iam::111122223333:user/dave|data|medium",
                "bucket-enumeration|arn:aws:iam::111122223333:user/svc-backup|refused-buckets|high",
                "new-source-ip|etl-loader@acme-analytics.iam.gserviceaccount.com|81.2.69.142|low",
                "credential-persistence|etl-loader@acme-analytics.iam.gserviceaccount.com|key-use:3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70|medium",
                "many-source-ips|etl-loader@acme-analytics.iam.gserviceaccount.com|window|medium",
                "log-tampering|etl-loader@acme-analytics.iam.gserviceaccount.com|log-sink-deleted:projects/acme-analytics/sinks/audit-to-bigquery|high",
                "volume-spike|etl-loader@acme-analytics.iam.gserviceaccount.com|data|medium",
                "new-country|grace@acme.example|CN|critical",
                "log-tampering|grace@acme.example|diagnostic-setting-deleted:/SUBSCRIPTIONS/3F2E1D0C-B9A8-4765-8432-10FEDCBA9876/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/SEND-TO-SENTINEL|high",
                "new-source-ip|arn:aws:iam::111122223333:user/alice|89.160.20.130|low",
                "after-hours-access|etl-loader@acme-analytics.iam.gserviceaccount.com|Mon 21:00-22:00|low",
                "after-hours-access|etl-loader@acme-analytics.iam.gserviceaccount.com|Mon 22:00-23:00|low",
                "after-hours-access|etl-loader@acme-analytics.iam.gserviceaccount.com|Mon 23:00-24:00|low");
    }

    @Test
    void theHistoryAndTheStoriesLeaveTheDaysOwnRecordsAsTheyWere() {
        // The day's 1,449 events as before (only the stolen ETL key's calls now name the key), 30 records
        // of identity stories, 20 of sequence stories, 19 of svc-backup's probing, and the fortnight of history.
        long history = events.stream().filter(e -> e.eventTime < SampleDay.DAY.toEpochMilli()).count();
        assertThat(events.size() - history).isEqualTo(1449 + 30 + 20 + 19);
        assertThat(history).isEqualTo(1807);
    }

    @Test
    void svcBackupsProbingIsReportedWithTheNumbersOfItsRecords() {
        Finding f = replayed(true).stream().filter(x -> x.ruleId.equals("bucket-enumeration")).findFirst().orElseThrow();
        // ListBuckets, then ListObjects on each of the eleven buckets it names; all but acme-db-backups refuse
        List<String> refused = new ArrayList<>(ProbingStories.BUCKETS);
        refused.remove(ProbingStories.READABLE);
        assertThat(f.title).isEqualTo("Bucket probing: 10 buckets refused");
        assertThat(f.facts).containsEntry("trigger", "refused-buckets").containsEntry("refused_buckets_per_window", "10")
                .containsEntry("distinct_buckets_per_window", "11").containsEntry("listings_per_window", "12").containsEntry("calls", "12")
                .containsEntry("refused_buckets", String.join(", ", refused))
                .containsEntry("first_call", "2026-11-02T14:31:15Z").containsEntry("last_call", "2026-11-02T14:33:10Z")
                .containsEntry("confidence", "0.75"); // 10 refused over 5: 1 - 5 / 20
        assertThat(f.riskScore).isEqualTo(56); // high 75 x 0.75
        // sampled: when the sixth refusal opens the burst the window keeps its slot's first call and the latest six,
        // so the first ListObjects (acme-ci-artifacts) is counted but not shown; the calls after it are all kept
        assertThat(f.evidence).extracting(e -> e.action).containsOnly("ListBuckets", "ListObjects").hasSize(11);
        assertThat(f.evidence).extracting(e -> e.details.get("bucket")).doesNotContain("acme-ci-artifacts").contains("acme-web-assets");
        assertThat(f.sourceIps).containsExactly(Places.ATTACKER_CN);
    }

    /** rule|principal|subject|severity, in the order the findings were made. */
    private static List<String> findings(boolean enrich) {
        List<String> out = new ArrayList<>();
        for (Finding f : replayed(enrich)) {
            out.add(f.ruleId + "|" + f.principal + "|" + f.subject + "|" + f.severity.id());
        }
        return out;
    }

    private static List<Finding> replayed(boolean enrich) {
        List<AuditEvent> copy = new ArrayList<>();
        for (AuditEvent e : events) {
            AuditEvent c = copyOf(e);
            c.geo = enrich ? SampleGeo.of(c.sourceIp) : null;
            copy.add(c);
        }
        return replay(KeyedRules.enabled(Section.empty("rules")), copy);
    }

    private static AuditEvent copyOf(AuditEvent e) {
        AuditEvent c = new AuditEvent();
        c.eventId = e.eventId;
        c.eventTime = e.eventTime;
        c.cloud = e.cloud;
        c.account = e.account;
        c.principal = e.principal;
        c.principalType = e.principalType;
        c.principalTypeRaw = e.principalTypeRaw;
        c.sourceIp = e.sourceIp;
        c.userAgent = e.userAgent;
        c.service = e.service;
        c.action = e.action;
        c.outcome = e.outcome;
        c.errorCode = e.errorCode;
        c.region = e.region;
        c.category = e.category;
        c.readOnly = e.readOnly;
        c.resources.putAll(e.resources);
        c.params.putAll(e.params);
        c.providerGeo = e.providerGeo;
        return c;
    }

    /** Every record of every file, decoded; CloudTrail's gzip documents whole, the rest line by line. */
    private static List<AuditEvent> decode(Path root) throws IOException {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        List<AuditEvent> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            List<byte[]> records = new ArrayList<>();
            if (f.toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    records.add(in.readAllBytes());
                }
            } else {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    records.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            for (byte[] r : records) {
                for (Decoded d : decoder.decode(r, f.toString())) {
                    if (d.event != null) {
                        out.add(d.event);
                    }
                }
            }
        }
        return out;
    }

    /** The keyed host's semantics without Flink: state per detector and principal, shared timers per principal, event-time order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Finding> replay(List<Detector<?>> detectors, List<AuditEvent> input) {
        List<AuditEvent> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingLong(e -> e.eventTime));
        List<Map<String, Object>> states = new ArrayList<>();
        detectors.forEach(d -> states.add(new HashMap<>()));
        TreeMap<Long, TreeSet<String>> timers = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        for (int n = 0; n <= sorted.size(); n++) {
            long until = n < sorted.size() ? sorted.get(n).eventTime - 1 : Long.MAX_VALUE;
            while (!timers.isEmpty() && timers.firstKey() <= until) {
                Map.Entry<Long, TreeSet<String>> due = timers.pollFirstEntry();
                for (String key : due.getValue()) {
                    for (int i = 0; i < detectors.size(); i++) {
                        Object s = states.get(i).get(key);
                        if (s != null) {
                            Object after = ((Detector) detectors.get(i)).onTimer(s, due.getKey(), context(findings, timers, key));
                            store(states.get(i), key, after);
                        }
                    }
                }
            }
            if (n == sorted.size()) {
                break;
            }
            AuditEvent e = sorted.get(n);
            String key = e.principalKey();
            for (int i = 0; i < detectors.size(); i++) {
                Detector d = detectors.get(i);
                if (d.accepts(e)) {
                    store(states.get(i), key, d.onEvent(states.get(i).get(key), e, context(findings, timers, key)));
                }
            }
        }
        return findings;
    }

    private static void store(Map<String, Object> states, String key, Object state) {
        if (state == null) {
            states.remove(key);
        } else {
            states.put(key, state);
        }
    }

    private static DetectorContext context(List<Finding> findings, TreeMap<Long, TreeSet<String>> timers, String key) {
        return new DetectorContext() {
            @Override
            public void emit(Finding finding) {
                if (!finding.repeat) { // repeats only feed the suppression step's counts
                    findings.add(finding);
                }
            }

            @Override
            public void registerTimer(long eventTime) {
                timers.computeIfAbsent(eventTime, t -> new TreeSet<>()).add(key);
            }

            @Override
            public long currentWatermark() {
                return Long.MIN_VALUE;
            }
        };
    }

    /** The sample's addresses as MaxMind's test databases place them (City, ASN and Anonymous-IP test data). */
    static final class SampleGeo {
        private SampleGeo() {}

        static Geo of(String ip) {
            if (ip == null) {
                return null;
            }
            if (ip.startsWith("89.160.20.")) {
                return geo("SE", "Linköping", 58.4167, 15.6167, 76, 29518L, "Bredband2 AB");
            }
            if (ip.startsWith("216.160.83.")) {
                return geo("US", "Milton", 47.2513, -122.3149, 22, 209L, null);
            }
            if (ip.startsWith("214.78.120.")) {
                return geo("US", "San Diego", 32.7405, -117.0935, 100, 721L, "DoD Network Information Center");
            }
            if (ip.startsWith("175.16.199.")) {
                return geo("CN", "Changchun", 43.88, 125.3228, 100, null, null);
            }
            if (ip.equals(Places.MOBILE_US)) {
                return geo("US", null, 37.751, -97.822, 1000, 6167L, "CELLCO-PART");
            }
            if (ip.startsWith("81.2.69.")) {
                int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
                Geo g = geo("GB", "London", 51.5142, -0.0931, last < 144 ? 10 : last < 160 ? 3 : 100, null, null);
                g.anonymous = true;
                g.anonymousVpn = true;
                g.hostingProvider = true;
                g.publicProxy = true;
                g.residentialProxy = true;
                g.torExitNode = true;
                return g;
            }
            return null; // private addresses are not looked up
        }

        private static Geo geo(String country, String city, double lat, double lon, int radius, Long asn, String org) {
            Geo g = new Geo();
            g.source = Geo.SOURCE_GEOIP;
            g.countryIso = country;
            g.city = city;
            g.latitude = lat;
            g.longitude = lon;
            g.accuracyRadiusKm = radius;
            g.asn = asn;
            g.asOrg = org;
            return g;
        }
    }
}
