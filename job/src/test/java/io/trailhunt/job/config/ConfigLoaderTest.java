package io.trailhunt.job.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailhunt.detectors.anonymizer.AnonymizingNetworkSettings;
import io.trailhunt.detectors.download.BulkDownloadSettings;
import io.trailhunt.detectors.enumeration.BucketEnumerationSettings;
import io.trailhunt.detectors.firstseen.FirstSeenSettings;
import io.trailhunt.detectors.hours.AfterHoursSettings;
import io.trailhunt.detectors.hours.PrincipalZones;
import io.trailhunt.detectors.manyips.ManySourceIpsSettings;
import io.trailhunt.detectors.novelty.NoveltySettings;
import io.trailhunt.detectors.persistence.CredentialPersistenceSettings;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.storageclient.UncommonStorageClientSettings;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.detectors.travel.ImpossibleTravelSettings;
import io.trailhunt.detectors.volume.VolumeSpikeSettings;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    /** The test databases bundled for the sample run; the tests run in job/. */
    private static final Path SAMPLE_GEOIP = Path.of("sample-geoip");
    private static final String[] ALL_RULES = {LogTamperingDetector.RULE_ID, "impossible-travel", "new-country", "new-asn", "new-source-ip",
        "many-source-ips", "anonymizing-network", "uncommon-storage-client", "credential-persistence",
        "bulk-object-download", "bucket-enumeration", "after-hours-access", "volume-spike", "novel-activity"};

    @TempDir
    Path dir;

    private TrailhuntConfig load(String yaml) throws IOException {
        Path f = dir.resolve("trailhunt.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    private void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(SettingsException.class).hasMessage(message);
    }

    @Test
    void keyedRulesWaitForTheWatermarkInReplaysAndNotInLiveMonitors() throws IOException {
        EventTimeSettings auto = ConfigLoader.defaults().eventTime();
        assertThat(auto.keyedRulesInEventTimeOrder(true)).isTrue();
        assertThat(auto.keyedRulesInEventTimeOrder(false)).isFalse();
        EventTimeSettings always = load("event-time: {keyed-rules-order: event-time}\n").eventTime();
        assertThat(always.keyedRulesInEventTimeOrder(false)).isTrue();
        EventTimeSettings never = load("event-time: {keyed-rules-order: arrival}\n").eventTime();
        assertThat(never.keyedRulesInEventTimeOrder(true)).isFalse();
        assertThatThrownBy(() -> load("event-time: {keyed-rules-order: sorted}\n")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("event-time.keyed-rules-order: ");
    }

    @Test
    void theStateCacheIsSizedInPrincipals() throws IOException {
        assertThat(ConfigLoader.defaults().state().cachedPrincipals()).isEqualTo(4096);
        assertThat(load("state: {cached-principals: 0}\n").state().cachedPrincipals()).isZero();
        assertThat(load("state: {cached-principals: 50000}\n").state().cachedPrincipals()).isEqualTo(50_000);
        assertThatThrownBy(() -> load("state: {cached-principals: -1}\n")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("state.cached-principals: ");
        assertThatThrownBy(() -> load("state: {cached-principal: 10}\n")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("state.cached-principal: unknown key");
    }

    @Test
    void defaultsNeedNoFile() {
        TrailhuntConfig c = ConfigLoader.defaults();
        assertThat(c.inputs()).isEmpty();
        assertThat(c.findings()).isEqualTo(OutputSettings.stdout());
        assertThat(c.deadLetters()).isEqualTo(OutputSettings.stderr());
        assertThat(c.eventTime()).isEqualTo(EventTimeSettings.defaults());
        assertThat(c.decoding().maxRecordBytes).isEqualTo(64 * 1024 * 1024);
        assertThat(c.detectors()).extracting(d -> d.ruleId()).containsExactly(ALL_RULES);
        assertThat(c.geoip()).isEqualTo(GeoIpSettings.defaults());
        assertThat(c.sequences()).extracting(p -> p.ruleId()).containsExactly("snapshot-exfiltration", "snapshot-exfiltration",
                "failed-logins-then-success", "password-spray", "iam-backdoor-chain", "iam-backdoor-chain", "defense-evasion-then-action");
        assertThat(c.scores()).isNull();
        assertThat(c.principalRisk().enabled()).isTrue();
    }

    @Test
    void scoresOutputAndPartTwoRuleSettings() throws IOException {
        TrailhuntConfig c = load(String.join("\n",
                "outputs:",
                "  scores: {type: file, path: /tmp/scores.jsonl}",
                "rules:",
                "  novel-activity: {threshold-bits: 40}",
                "  volume-spike: {enabled: false}",
                "  after-hours-access:",
                "    time-zone: Europe/Stockholm",
                "    business-hours: {start: '07:30', end: '16:00', days: [MON, TUE, WED, THU]}",
                "    principal-time-zones: {'arn:aws:iam::*:user/bob': America/Los_Angeles}",
                "  principal-risk: {threshold: 200, rule-weights: {volume-spike: 0.5}}",
                ""));
        assertThat(c.scores()).isEqualTo(OutputSettings.file("/tmp/scores.jsonl"));
        assertThat(c.detectors()).extracting(d -> d.ruleId()).doesNotContain("volume-spike").contains("novel-activity");
        assertThat(c.principalRisk().threshold()).isEqualTo(200.0);
        assertThat(c.principalRisk().weight("volume-spike")).isEqualTo(0.5);
        assertThat(c.principalRisk().weight("log-tampering")).isEqualTo(1.0);
        var hours = (io.trailhunt.detectors.hours.AfterHoursDetector) c.detectors().stream()
                .filter(d -> d.ruleId().equals("after-hours-access")).findFirst().orElseThrow();
        assertThat(hours).isNotNull();

        assertRejected("rules:\n  after-hours-access: {time-zone: Mars/Olympus}\n",
                "rules.after-hours-access.time-zone: 'Mars/Olympus' is not a time zone; use an IANA name such as Europe/Stockholm or UTC");
        assertRejected("rules:\n  after-hours-access: {business-hours: {days: [MON, FUNDAY]}}\n",
                "rules.after-hours-access.business-hours.days: 'FUNDAY' is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN");
        assertRejected("rules:\n  after-hours-access: {business-hours: {start: '18:00', end: '08:00'}}\n",
                "rules.after-hours-access.business-hours.end: 08:00 is not after start 18:00; business hours within one day, e.g. start: '08:00', end: '18:00'");
        assertRejected("rules:\n  principal-risk: {rule-weights: {principal-risk: 2}}\n",
                "rules.principal-risk.rule-weights.principal-risk: principal-risk does not add up its own findings; remove the key");
        assertThatThrownBy(() -> load("rules:\n  principal-risk: {rule-weights: {volume-spiek: 0.5}}\n")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("rules.principal-risk.rule-weights.volume-spiek: no rule has this id; the rule ids are: after-hours-access, ");
        assertRejected("outputs:\n  scores: {type: file, path: /tmp/s.jsonl}\nrules:\n  novel-activity: {enabled: false}\n",
                "outputs.scores: scored observations come from novel-activity, which is off: enable rules.novel-activity or remove outputs.scores");
        assertRejected("outputs:\n  scores: {type: file, path: /tmp/s.jsonl, format: ocsf}\n",
                "outputs.scores.format: scored observations are written in Trailhunt's format only; remove the key");
        assertRejected("rules:\n  bulk-object-download: {max-reads: 0}\n",
                "rules.bulk-object-download.max-reads: 0 is out of range: use a number between 1 and 10000000");
    }

    @Test
    void aFullFileIsTyped() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        TrailhuntConfig c = load(String.join("\n",
                "inputs:",
                "  - name: archive",
                "    type: files",
                "    paths: [" + dir.resolve("logs") + "]",
                "    monitor-interval: 30s",
                "outputs:",
                "  findings: {type: file, path: /tmp/findings.jsonl}",
                "decoding:",
                "  max-record-bytes: 8MiB",
                "  max-nesting-depth: 32",
                "event-time:",
                "  max-out-of-orderness: 5m",
                "  idleness: 30s",
                "  allowed-lateness: 1h",
                "suppression:",
                "  window: 2h",
                "geoip:",
                "  city: " + SAMPLE_GEOIP.resolve("GeoIP2-City-Test.mmdb"),
                "  asn: " + SAMPLE_GEOIP.resolve("GeoLite2-ASN-Test.mmdb"),
                "  cache-size: 50000",
                "  reload-check-interval: 5m",
                "rules:",
                "  log-tampering:",
                "    failed-attempt-window: 6h",
                "    allow:",
                "      principals: ['arn:aws:iam::*:role/terraform']",
                "      cidrs: [10.0.0.0/8]",
                ""));
        assertThat(c.inputs()).containsExactly(new FileInputSettings("archive", java.util.List.of(dir.resolve("logs").toString()), Duration.ofSeconds(30)));
        assertThat(c.bounded()).isFalse();
        assertThat(c.findings()).isEqualTo(OutputSettings.file("/tmp/findings.jsonl"));
        assertThat(c.deadLetters()).isEqualTo(OutputSettings.file("/tmp/findings.dead-letters.jsonl"));
        assertThat(c.decoding().maxRecordBytes).isEqualTo(8 * 1024 * 1024);
        assertThat(c.decoding().maxNestingDepth).isEqualTo(32);
        assertThat(c.eventTime()).isEqualTo(new EventTimeSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThat(c.suppression().window()).isEqualTo(Duration.ofHours(2));
        assertThat(c.geoip()).isEqualTo(new GeoIpSettings(true, SAMPLE_GEOIP.resolve("GeoIP2-City-Test.mmdb").toString(), null,
                SAMPLE_GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toString(), null, 50_000, Duration.ofMinutes(5), false));
    }

    @Test
    void aMissingOrWrongGeoIpDatabaseFailsTheStartNamingTheKeyAndHowToGetOne() throws IOException {
        assertRejected("geoip:\n  city: /no/such/GeoLite2-City.mmdb\n",
                "geoip.city: no such file: /no/such/GeoLite2-City.mmdb; get the free GeoLite2 databases with a MaxMind licence key"
                        + " (sign up at https://www.maxmind.com/en/geolite2/signup) and geoipupdate (https://github.com/maxmind/geoipupdate,"
                        + " EditionIDs GeoLite2-City GeoLite2-ASN), or use any GeoIP2-compatible .mmdb file, and set geoip.city to its path");
        Path asn = SAMPLE_GEOIP.resolve("GeoLite2-ASN-Test.mmdb").toAbsolutePath();
        assertRejected("geoip:\n  city: " + asn + "\n",
                "geoip.city: " + asn + " is a GeoLite2-ASN database, which cannot serve as geoip.city (location (city))");
        assertRejected("geoip:\n  asn: " + asn + "\n", "geoip.city: is required when geoip.asn is set: locations come from a City"
                + " (or Country) database; " + GeoIpSettings.HOW_TO_GET);
        // a disabled step needs no files
        assertThat(load("geoip: {enabled: false, city: /no/such.mmdb}\n").geoip().enabled()).isFalse();
    }

    @Test
    void boundedFileInputsLagAnHourUnlessTheySayOtherwise() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        TrailhuntConfig c = load("inputs:\n  - {name: a, paths: [" + dir.resolve("logs") + "]}\n"
                + "  - {name: b, paths: [" + dir.resolve("logs") + "], max-out-of-orderness: 5m}\n"
                + "  - {name: c, paths: [" + dir.resolve("logs") + "], monitor-interval: 10s}\n");
        Duration global = c.eventTime().maxOutOfOrderness();
        assertThat(c.inputs().get(0).effectiveOutOfOrderness(global)).isEqualTo(Duration.ofHours(2));
        assertThat(c.inputs().get(1).effectiveOutOfOrderness(global)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.inputs().get(2).effectiveOutOfOrderness(global)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void replaysOfBoundedInputsMayLagYearsAndLiveMonitorsAWeekAtMost() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        String logs = dir.resolve("logs").toString();
        // an unsorted archive of years: every event held until the input ends
        TrailhuntConfig replay = load("event-time: {max-out-of-orderness: 36500d, allowed-lateness: 400d}\n"
                + "inputs:\n  - {name: a, paths: [" + logs + "]}\n  - {name: b, paths: [" + logs + "], max-out-of-orderness: 3650d}\n");
        assertThat(replay.inputs().get(0).effectiveOutOfOrderness(replay.eventTime().maxOutOfOrderness())).isEqualTo(Duration.ofDays(36_500));
        assertThat(replay.inputs().get(1).effectiveOutOfOrderness(replay.eventTime().maxOutOfOrderness())).isEqualTo(Duration.ofDays(3650));
        assertThat(load("event-time: {max-out-of-orderness: 400d}\n").eventTime().maxOutOfOrderness()).isEqualTo(Duration.ofDays(400)); // the CLI's --input or the sample
        assertRejected("event-time: {max-out-of-orderness: 36501d}\n",
                "event-time.max-out-of-orderness: 36501d is out of range: use a duration from 0s to 36500d");

        String overWeek = " is over 7d, the limit while an input is continuous (input 'live' does not end): a live monitor would hold its"
                + " findings back that long; use at most 7d, or replay bounded inputs (longer lags are for unsorted archives, docs/operations.md)";
        assertRejected("event-time: {max-out-of-orderness: 8d}\ninputs:\n  - {name: live, paths: [" + logs + "], monitor-interval: 10s}\n",
                "event-time.max-out-of-orderness: 8d" + overWeek);
        assertRejected("event-time: {allowed-lateness: 30d}\ninputs:\n  - {name: live, paths: [" + logs + "], monitor-interval: 10s}\n",
                "event-time.allowed-lateness: 30d" + overWeek);
        assertRejected("inputs:\n  - {name: live, paths: [" + logs + "], monitor-interval: 10s, max-out-of-orderness: 8d}\n",
                "inputs[0].max-out-of-orderness: 8d is out of range: use a duration from 0s to 7d");
        // a monitored input with its own short lag is fine whatever the global one (bounded inputs use that)
        TrailhuntConfig mixed = load("event-time: {max-out-of-orderness: 3650d}\ninputs:\n  - {name: archive, paths: [" + logs + "]}\n"
                + "  - {name: live, paths: [" + logs + "], monitor-interval: 10s, max-out-of-orderness: 15m}\n");
        assertThat(mixed.inputs().get(1).effectiveOutOfOrderness(mixed.eventTime().maxOutOfOrderness())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void eventsMayBeDatedADayAheadOfTheClockByDefault() throws IOException {
        assertThat(ConfigLoader.defaults().eventTime().maxFuture()).isEqualTo(Duration.ofDays(1));
        assertThat(load("event-time: {max-future: 2h}\n").eventTime().maxFuture()).isEqualTo(Duration.ofHours(2));
        assertRejected("event-time: {max-future: 10s}\n", "event-time.max-future: 10s is out of range: use a duration from 1m to 36500d");
    }

    @Test
    void aKeyGivenTwiceIsNamedWithItsPathNotSilentlyOverwritten() {
        Path f = dir.resolve("trailhunt.yaml");
        assertRejected("event-time:\n  idleness: 1m\n  idleness: 2m\n", "event-time.idleness: is given twice in " + f + " (line 3); keep one of them");
        assertRejected("suppression: {window: 1h}\nsuppression: {window: 2h}\n", "suppression: is given twice in " + f + " (line 2); keep one of them");
        assertRejected("inputs:\n  - {name: a, paths: [x]}\n  - name: b\n    paths: [y]\n    name: c\n",
                "inputs[1].name: is given twice in " + f + " (line 5); keep one of them");
    }

    @Test
    void aMisspeltKeyIsNamedWithItsPath() {
        assertRejected("event-time:\n  max-out-of-order: 5m\n",
                "event-time.max-out-of-order: unknown key; the keys here are: max-out-of-orderness, idleness, allowed-lateness, keyed-rules-order, max-future");
        assertRejected("rules:\n  log-tampering:\n    enabeld: false\n",
                "rules.log-tampering.enabeld: unknown key; the keys here are: enabled, failed-attempt-window, allow");
        assertRejected("rules:\n  new-country:\n    lookback: 10d\n",
                "rules.new-country.lookback: unknown key; the keys here are: enabled, look-back, learning-period, max-values, quiet-period, allow");
        assertRejected("rulez: {}\n",
                "rulez: unknown key; the keys here are: inputs, outputs, decoding, event-time, suppression, geoip, state, rules");
    }

    @Test
    void badValuesAreNamedWithTheFix() {
        assertRejected("event-time:\n  max-out-of-orderness: fifteen minutes\n",
                "event-time.max-out-of-orderness: 'fifteen minutes' is not a duration; write a whole number and a unit: 500ms, 30s, 15m, 1h, 7d");
        assertRejected("event-time:\n  idleness: 0s\n",
                "event-time.idleness: 0s is out of range: use a duration from 1s to 1d");
        assertRejected("rules:\n  log-tampering:\n    enabled: maybe\n",
                "rules.log-tampering.enabled: must be true or false, found 'maybe'");
        assertRejected("outputs:\n  findings: {type: splunk}\n",
                "outputs.findings.type: 'splunk' is not one of stdout, stderr, file, kafka, kinesis");
        assertRejected("outputs:\n  findings: {type: file}\n",
                "outputs.findings.path: is required: name the file to write JSON lines to");
        assertRejected("rules:\n  log-tampering:\n    allow: {cidrs: [10.0.0.0/33]}\n",
                "rules.log-tampering.allow.cidrs: '10.0.0.0/33' has a prefix length outside 0-32");
        assertRejected("inputs:\n  - paths: [/no/such/place]\n", "inputs[0].paths: no such file or folder: /no/such/place");
        assertRejected("inputs:\n  - type: files\n", "inputs[0].paths: is required for a files input: list the files or folders to read");
        assertRejected("decoding:\n  max-record-bytes: 12 parsecs\n",
                "decoding.max-record-bytes: '12 parsecs' is not a size; write a whole number and an optional unit: 1024, 512KiB, 64MiB, 1GiB");
    }

    @Test
    void brokenYamlAndMissingFilesAreReported() throws IOException {
        assertThatThrownBy(() -> load("inputs: [\n")).isInstanceOf(SettingsException.class).hasMessageStartingWith("--config: ").hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"))).hasMessageStartingWith("--config: no such file: ");
    }

    @Test
    void theDocumentedExampleLoadsWithItsDefaults() throws Exception {
        // The example's paths are relative to the repository root; the test runs in job/.
        String example = Files.readString(Path.of("..", "docs", "trailhunt.example.yaml")).replace("[job/sample-data]", "[../job/sample-data]");
        TrailhuntConfig c = load(example);
        TrailhuntConfig defaults = ConfigLoader.defaults();
        assertThat(c.eventTime()).isEqualTo(defaults.eventTime());
        assertThat(c.suppression()).isEqualTo(defaults.suppression());
        assertThat(c.state()).isEqualTo(defaults.state());
        assertThat(c.decoding().toString()).isEqualTo(defaults.decoding().toString());
        assertThat(c.findings()).isEqualTo(defaults.findings());
        assertThat(c.deadLetters()).isEqualTo(defaults.deadLetters());
        assertThat(c.detectors()).extracting(d -> d.ruleId()).containsExactly(ALL_RULES);
        // Every rule's settings in the example are its defaults.
        Section rules = new Section("", new ObjectMapper(new YAMLFactory()).readTree(example)).section("rules");
        assertThat(LogTamperingSettings.from(rules.section("log-tampering"))).isEqualTo(LogTamperingSettings.defaults());
        assertThat(ImpossibleTravelSettings.from(rules.section("impossible-travel"))).isEqualTo(ImpossibleTravelSettings.defaults());
        for (String firstSeen : List.of("new-country", "new-asn", "new-source-ip")) {
            assertThat(FirstSeenSettings.from(rules.section(firstSeen))).as(firstSeen).isEqualTo(FirstSeenSettings.defaults());
        }
        assertThat(ManySourceIpsSettings.from(rules.section("many-source-ips"))).isEqualTo(ManySourceIpsSettings.defaults());
        assertThat(AnonymizingNetworkSettings.from(rules.section("anonymizing-network"))).isEqualTo(AnonymizingNetworkSettings.defaults());
        assertThat(UncommonStorageClientSettings.from(rules.section("uncommon-storage-client"))).isEqualTo(UncommonStorageClientSettings.defaults());
        assertThat(CredentialPersistenceSettings.from(rules.section("credential-persistence"))).isEqualTo(CredentialPersistenceSettings.defaults());
        // the part-2 rules' settings hold an Allowlist (and after-hours-access PrincipalZones), which have no equals: compared field by field
        assertThat(componentsOf(BulkDownloadSettings.from(rules.section("bulk-object-download")))).isEqualTo(componentsOf(BulkDownloadSettings.defaults()));
        assertThat(componentsOf(BucketEnumerationSettings.from(rules.section("bucket-enumeration")))).isEqualTo(componentsOf(BucketEnumerationSettings.defaults()));
        assertThat(componentsOf(AfterHoursSettings.from(rules.section("after-hours-access")))).isEqualTo(componentsOf(AfterHoursSettings.defaults()));
        assertThat(componentsOf(VolumeSpikeSettings.from(rules.section("volume-spike")))).isEqualTo(componentsOf(VolumeSpikeSettings.defaults()));
        assertThat(componentsOf(NoveltySettings.from(rules.section("novel-activity")))).isEqualTo(componentsOf(NoveltySettings.defaults()));
        assertThat(componentsOf(RiskSettings.from(rules.section("principal-risk")))).isEqualTo(componentsOf(RiskSettings.defaults()));
        assertThat(c.scores()).isEqualTo(defaults.scores());
        var risk = c.principalRisk();
        var riskDefaults = defaults.principalRisk();
        assertThat(List.of(risk.threshold(), risk.minRules(), risk.window(), risk.halfLife(), risk.reportDelay(), risk.maxContributions(), risk.ruleWeights()))
                .isEqualTo(List.of(riskDefaults.threshold(), riskDefaults.minRules(), riskDefaults.window(), riskDefaults.halfLife(),
                        riskDefaults.reportDelay(), riskDefaults.maxContributions(), riskDefaults.ruleWeights()));
        assertThat(c.geoip()).isEqualTo(defaults.geoip());
        // the sequence rules' settings are records; their allowlists compare by content only when empty
        assertThat(c.sequences()).extracting(p -> p.name()).isEqualTo(defaults.sequences().stream().map(p -> p.name()).toList());
        assertThat(settingsOf(c.sequences())).isEqualTo(settingsOf(defaults.sequences()));
    }

    /** A settings record's components; its allowlist shown by emptiness and its time zones by their description (neither has equals). */
    private static List<Object> componentsOf(Record settings) throws Exception {
        List<Object> out = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent rc : settings.getClass().getRecordComponents()) {
            Object v = rc.getAccessor().invoke(settings);
            // values compared with equals (business hours' days are a Set of either kind), names for the messages
            out.add(java.util.Map.entry(rc.getName(), v instanceof Allowlist a ? (a.isEmpty() ? "none" : "some") : v instanceof PrincipalZones z ? z.toString() : v));
        }
        return out;
    }

    /** The pattern's settings field, declared by its class or a superclass (the snapshot patterns share theirs). */
    private static java.lang.reflect.Field settingsField(Class<?> c) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField("settings");
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException("settings in " + c.getName());
    }

    /** Every sequence pattern's settings record, with its allowlist shown by emptiness (Allowlist has no equals). */
    private static List<String> settingsOf(List<io.trailhunt.cep.SequencePattern> patterns) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (io.trailhunt.cep.SequencePattern p : patterns) {
            java.lang.reflect.Field f = settingsField(p.getClass());
            f.setAccessible(true);
            Record r = (Record) f.get(p);
            StringBuilder sb = new StringBuilder(p.name());
            for (java.lang.reflect.RecordComponent rc : r.getClass().getRecordComponents()) {
                Object v = rc.getAccessor().invoke(r);
                sb.append(' ').append(rc.getName()).append('=')
                        .append(v instanceof io.trailhunt.events.settings.Allowlist a ? (a.isEmpty() ? "none" : "some") : v instanceof java.util.Set<?> set ? new java.util.TreeSet<>(set.stream().map(String::valueOf).toList()) : v);
            }
            out.add(sb.toString());
        }
        return out;
    }
}
