package io.trailhunt.job.cli;

import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.TrailhuntConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GeoRuleCoverageTest {
    private final TrailhuntConfig defaults = ConfigLoader.defaults();

    private static GeoIpSettings geoip(String city, String country, String asn, String anonymousIp) {
        return new GeoIpSettings(true, city, country, asn, anonymousIp, 10, Duration.ZERO, false);
    }

    @Test
    void withNoDatabaseTheLocationRulesAreNamed() {
        assertThat(GeoRuleCoverage.warnings(GeoIpSettings.defaults(), defaults.detectors())).containsExactly(
                "without geoip.city, impossible-travel and new-country see only the locations Entra ID gives its sign-ins",
                "without geoip.asn, new-asn sees only the networks Entra ID gives its sign-ins",
                "without geoip.anonymous-ip, anonymizing-network sees only the threat-intelligence list and the providers' risk signals,"
                        + " not Tor exits, proxies and VPNs");
    }

    @Test
    void aCountryDatabaseServesNewCountryButNotTravel() {
        assertThat(GeoRuleCoverage.warnings(geoip(null, "/db/Country.mmdb", "/db/ASN.mmdb", null), defaults.detectors())).containsExactly(
                "without geoip.city, impossible-travel see only the locations Entra ID gives its sign-ins",
                "without geoip.anonymous-ip, anonymizing-network sees only the threat-intelligence list and the providers' risk signals,"
                        + " not Tor exits, proxies and VPNs");
    }

    @Test
    void everyDatabaseOrEveryGeoRuleOffSaysNothing() {
        assertThat(GeoRuleCoverage.warnings(geoip("/db/City.mmdb", null, "/db/ASN.mmdb", "/db/Anon.mmdb"), defaults.detectors())).isEmpty();
        assertThat(GeoRuleCoverage.warnings(GeoIpSettings.defaults(), defaults.detectors().stream()
                .filter(d -> !d.ruleId().matches("impossible-travel|new-country|new-asn|anonymizing-network")).toList())).isEmpty();
    }

    @Test
    void enrichmentOffBlindsThemAll() {
        assertThat(GeoRuleCoverage.warnings(GeoIpSettings.defaults().withEnabled(false), defaults.detectors())).containsExactly(
                "with geoip.enabled: false, impossible-travel and new-country see only the locations Entra ID gives its sign-ins",
                "with geoip.enabled: false, new-asn sees only the networks Entra ID gives its sign-ins",
                "with geoip.enabled: false, anonymizing-network sees only the threat-intelligence list and the providers' risk signals,"
                        + " not Tor exits, proxies and VPNs");
    }

    @Test
    void theSampleRunsTestDatabasesCoverEveryRule() {
        assertThat(GeoRuleCoverage.warnings(GeoIpSettings.defaults().withTestDatabases(Path.of("job", "sample-geoip")), defaults.detectors())).isEmpty();
    }
}
