package io.trailhunt.detectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.detectors.anonymizer.AnonymizingNetworkSettings;
import io.trailhunt.detectors.firstseen.FirstSeenSettings;
import io.trailhunt.detectors.persistence.CredentialPersistenceSettings;
import io.trailhunt.detectors.storageclient.UncommonStorageClientSettings;
import io.trailhunt.detectors.travel.ImpossibleTravelSettings;
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

/** The registry and the part-1 rules' settings: defaults, typed values, and bad values named with their key. */
class KeyedRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Section rules(String json) throws IOException {
        return new Section("rules", JSON.readTree(json.replace('\'', '"')));
    }

    private static List<String> ids(Section rules) {
        List<String> out = KeyedRules.enabled(rules).stream().map(Detector::ruleId).toList();
        rules.rejectUnknownKeys();
        return out;
    }

    @Test
    void everyRuleIsOnByDefaultInAFixedOrder() {
        assertThat(ids(Section.empty("rules"))).containsExactly("log-tampering", "impossible-travel", "new-country", "new-asn",
                "new-source-ip", "many-source-ips", "anonymizing-network", "uncommon-storage-client", "credential-persistence",
                "bulk-object-download", "bucket-enumeration", "after-hours-access", "volume-spike", "novel-activity");
    }

    @Test
    void rulesCanBeTurnedOff() throws IOException {
        assertThat(ids(rules("{'new-country': {'enabled': false}, 'many-source-ips': {'enabled': false}}")))
                .containsExactly("log-tampering", "impossible-travel", "new-asn", "new-source-ip", "anonymizing-network",
                        "uncommon-storage-client", "credential-persistence",
                        "bulk-object-download", "bucket-enumeration", "after-hours-access", "volume-spike", "novel-activity");
    }

    @Test
    void everyKeyIsTyped() throws IOException {
        Path intel = Files.writeString(dir.resolve("intel.txt"), "203.0.113.0/24 scanners\n");
        Section r = rules("{'impossible-travel': {'max-speed-kmh': 1000, 'min-distance-km': 300, 'include-api-calls': false,"
                + " 'anonymizers': 'skip', 'egress': {'cidrs': ['198.51.100.0/24'], 'asns': ['AS64500']}, 'suppression-window': '1h'},"
                + " 'new-asn': {'look-back': '14d', 'learning-period': '3d', 'max-values': 200, 'allow': {'asns': [64501]}},"
                + " 'anonymizing-network': {'networks': ['tor-exit', 'residential-proxy'], 'threat-intel': {'path': '" + intel + "',"
                + " 'check-interval': '5m'}, 'provider-risk': {'levels': ['HIGH', 'medium'], 'event-types': ['maliciousIPAddress']},"
                + " 'quiet-period': '6h'},"
                + " 'uncommon-storage-client': {'look-back': '14d', 'clients': ['rclone', 'Cyberduck'], 'allow': {'user-agents': ['rclone/v1.65']}},"
                + " 'credential-persistence': {'look-back': '90d', 'service-account-key-use': {'trusted': {'cidrs': ['214.78.120.0/22']},"
                + " 'quiet-period': '12h'}}}");
        ImpossibleTravelSettings travel = ImpossibleTravelSettings.from(r.section("impossible-travel"));
        assertThat(travel.maxSpeedKmh()).isEqualTo(1000);
        assertThat(travel.minDistanceKm()).isEqualTo(300);
        assertThat(travel.includeApiCalls()).isFalse();
        assertThat(travel.skipAnonymizers()).isTrue();
        assertThat(travel.egress().toString()).isEqualTo("AllowRules{principals=[], cidrs=[198.51.100.0/24], asns=[64500], user-agents=[]}");
        assertThat(travel.suppressionWindow()).isEqualTo(Duration.ofHours(1));
        FirstSeenSettings asn = FirstSeenSettings.from(r.section("new-asn"));
        assertThat(asn.lookBack()).isEqualTo(Duration.ofDays(14));
        assertThat(asn.learningPeriod()).isEqualTo(Duration.ofDays(3));
        assertThat(asn.maxValues()).isEqualTo(200);
        AnonymizingNetworkSettings anon = AnonymizingNetworkSettings.from(r.section("anonymizing-network"));
        assertThat(anon.networks()).containsExactly("tor-exit", "residential-proxy");
        assertThat(anon.threatIntelPath()).isEqualTo(intel.toString());
        assertThat(anon.threatIntelCheckInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(anon.riskLevels()).containsExactly("high", "medium");
        assertThat(anon.riskEventTypes()).containsExactly("maliciousIPAddress");
        assertThat(anon.quietPeriod()).isEqualTo(Duration.ofHours(6));
        UncommonStorageClientSettings storage = UncommonStorageClientSettings.from(r.section("uncommon-storage-client"));
        assertThat(storage.clients().names()).containsExactly("rclone", "Cyberduck");
        CredentialPersistenceSettings cred = CredentialPersistenceSettings.from(r.section("credential-persistence"));
        assertThat(cred.lookBack()).isEqualTo(Duration.ofDays(90));
        assertThat(cred.keyUseQuietPeriod()).isEqualTo(Duration.ofHours(12));
        assertThat(ids(r)).hasSize(14);
    }

    @Test
    void defaultsReadFromNothingEqualTheCodeDefaults() {
        Section r = Section.empty("rules");
        assertThat(ImpossibleTravelSettings.from(r.section("impossible-travel"))).isEqualTo(ImpossibleTravelSettings.defaults());
        assertThat(FirstSeenSettings.from(r.section("new-country"))).isEqualTo(FirstSeenSettings.defaults());
        assertThat(AnonymizingNetworkSettings.from(r.section("anonymizing-network"))).isEqualTo(AnonymizingNetworkSettings.defaults());
        assertThat(UncommonStorageClientSettings.from(r.section("uncommon-storage-client"))).isEqualTo(UncommonStorageClientSettings.defaults());
        assertThat(CredentialPersistenceSettings.from(r.section("credential-persistence"))).isEqualTo(CredentialPersistenceSettings.defaults());
        assertThat(io.trailhunt.detectors.manyips.ManySourceIpsSettings.from(r.section("many-source-ips")))
                .isEqualTo(io.trailhunt.detectors.manyips.ManySourceIpsSettings.defaults());
    }

    @Test
    void badValuesAreNamedWithTheirKeyAndTheFix() {
        assertRejected("{'new-country': {'learning-period': '40d'}}",
                "rules.new-country.learning-period: must not be longer than look-back (30d): history older than the look-back is forgotten");
        assertRejected("{'new-source-ip': {'max-values': 5}}", "rules.new-source-ip.max-values: 5 is out of range: use a number between 10 and 100000");
        assertRejected("{'impossible-travel': {'anonymizers': 'hide'}}", "rules.impossible-travel.anonymizers: 'hide' is not one of demote, skip");
        assertRejected("{'impossible-travel': {'egress': {'asns': ['Starlink']}}}",
                "rules.impossible-travel.egress.asns: 'Starlink' is not an AS number (write 64500 or AS64500)");
        assertRejected("{'impossible-travel': {'egress': {'principals': ['x']}}}",
                "rules.impossible-travel.egress.principals: unknown key; the keys here are: cidrs, asns");
        assertRejected("{'anonymizing-network': {'networks': ['tor']}}",
                "rules.anonymizing-network.networks: 'tor' is not one of tor-exit, public-proxy, anonymous-vpn, residential-proxy, anonymous, hosting-provider");
        assertRejected("{'anonymizing-network': {'threat-intel': {'path': '/no/such/list.txt'}}}",
                "rules.anonymizing-network.threat-intel.path: no such file: /no/such/list.txt; name a text file of addresses or CIDRs, one a line,"
                        + " each optionally followed by a label");
        assertRejected("{'anonymizing-network': {'provider-risk': {'levels': ['severe']}}}",
                "rules.anonymizing-network.provider-risk.levels: 'severe' is not one of low, medium, high");
        assertRejected("{'uncommon-storage-client': {'clients': ['']}}",
                "rules.uncommon-storage-client.clients: an empty client name would match every user agent");
        assertRejected("{'many-source-ips': {'max-adresses': 20}}",
                "rules.many-source-ips.max-adresses: unknown key; the keys here are: enabled, max-addresses, window, allow");
    }

    @Test
    void aBrokenThreatListStopsTheStartWithTheLine() throws IOException {
        Path intel = Files.writeString(dir.resolve("intel.txt"), "203.0.113.0/24 scanners\nexample.com phishing\n");
        assertRejected("{'anonymizing-network': {'threat-intel': {'path': '" + intel + "'}}}",
                "rules.anonymizing-network.threat-intel.path: " + intel + " line 2: 'example.com' is not an IP address or CIDR block");
    }

    private void assertRejected(String json, String message) {
        assertThatThrownBy(() -> ids(rules(json))).isInstanceOf(SettingsException.class).hasMessage(message);
    }
}
