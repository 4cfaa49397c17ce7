package io.trailhunt.enrichment.geoip;

import io.trailhunt.events.model.AddressKind;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Geo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Java enrichment over MaxMind's test databases. */
class GeoIpEnricherTest {
    private GeoIpEnricher enricher;

    @AfterEach
    void close() throws IOException {
        if (enricher != null) {
            enricher.close();
        }
    }

    private GeoIpEnricher open(GeoIpSettings settings) throws IOException {
        enricher = GeoIpEnricher.open(settings, () -> 0L);
        return enricher;
    }

    private AuditEvent enriched(String sourceIp) {
        AuditEvent e = aws("sts.amazonaws.com", "GetCallerIdentity").ip(sourceIp).build();
        enricher.enrich(e);
        return e;
    }

    private static Geo geo(String countryIso, String city, double lat, double lon, int radius, String timeZone) {
        Geo g = new Geo();
        g.source = Geo.SOURCE_GEOIP;
        g.countryIso = countryIso;
        g.city = city;
        g.latitude = lat;
        g.longitude = lon;
        g.accuracyRadiusKm = radius;
        g.timeZone = timeZone;
        return g;
    }

    @Test
    void theSampleDaysPlacesResolveWithTheirCoordinates() throws IOException {
        open(TestDatabases.all());

        Geo london = geo("GB", "London", 51.5142, -0.0931, 10, "Europe/London");
        london.anonymous = true;
        london.anonymousVpn = true;
        london.hostingProvider = true;
        london.publicProxy = true;
        london.residentialProxy = true;
        london.torExitNode = true;
        assertThat(enriched("81.2.69.142").geo).isEqualTo(london);

        Geo milton = geo("US", "Milton", 47.2513, -122.3149, 22, "America/Los_Angeles");
        milton.asn = 209L;
        assertThat(enriched("216.160.83.58").geo).isEqualTo(milton);

        Geo linkoping = geo("SE", "Linköping", 58.4167, 15.6167, 76, "Europe/Stockholm");
        linkoping.asn = 29518L;
        linkoping.asOrg = "Bredband2 AB";
        assertThat(enriched("89.160.20.115").geo).isEqualTo(linkoping);
        assertThat(enriched("89.160.20.140").geo).isEqualTo(linkoping);

        // Changchun is not in the ASN test database: no ASN rather than a guess.
        assertThat(enriched("175.16.199.20").geo).isEqualTo(geo("CN", "Changchun", 43.88, 125.3228, 100, "Asia/Harbin"));

        Geo sanDiego = geo("US", "San Diego", 32.7405, -117.0935, 100, "America/Los_Angeles");
        sanDiego.asn = 721L;
        sanDiego.asOrg = "DoD Network Information Center";
        assertThat(enriched("214.78.120.10").geo).isEqualTo(sanDiego);

        assertThat(enriched("175.16.199.20").sourceIpKind).isEqualTo(AddressKind.PUBLIC);
    }

    @Test
    void anonymizerFlagsComeFromTheAnonymousIpDatabase() throws IOException {
        open(TestDatabases.all());

        for (String ip : new String[] {"81.2.69.0", "81.2.69.142", "81.2.69.255"}) {
            Geo g = enriched(ip).geo;
            assertThat(g.torExitNode).as(ip).isTrue();
            assertThat(g.anonymous && g.anonymousVpn && g.hostingProvider && g.publicProxy && g.residentialProxy).as(ip).isTrue();
        }
        // 1.124.213.1: a Tor exit in the Anonymous-IP test data, unknown to the City and ASN test data.
        Geo tor = enriched("1.124.213.1").geo;
        assertThat(tor.torExitNode).isTrue();
        assertThat(tor.anonymous).isTrue();
        assertThat(tor.anonymousVpn).isTrue();
        assertThat(tor.hostingProvider).isFalse();
        assertThat(tor.publicProxy).isFalse();
        assertThat(tor.residentialProxy).isFalse();
        assertThat(tor.asn).isNull();
        assertThat(tor.city).isNull();
        assertThat(tor.countryIso).isNull();
        assertThat(tor.anyAnonymizer()).isTrue();

        Geo hosting = enriched("71.160.223.10").geo;
        assertThat(hosting.hostingProvider).isTrue();
        assertThat(hosting.torExitNode).isFalse();

        assertThat(enriched("216.160.83.58").geo.anyAnonymizer()).isFalse();
    }

    @Test
    void portsAndIpv6AreLookedUp() throws IOException {
        open(TestDatabases.all());

        assertThat(enriched("81.2.69.142:5678").geo.city).isEqualTo("London");
        assertThat(enriched("::ffff:81.2.69.142").geo.city).isEqualTo("London");
        assertThat(enriched("[::ffff:175.16.199.20]:443").geo.city).isEqualTo("Changchun");
        AuditEvent v6 = enriched("2001:480:3a::1");
        assertThat(v6.sourceIpKind).isEqualTo(AddressKind.PUBLIC);
        assertThat(v6.geo.publicProxy).isTrue();
        AuditEvent japan = enriched("[2001:218::1]:443");
        assertThat(japan.geo.countryIso).isEqualTo("JP");
    }

    @Test
    void addressesThatMustNotBeLookedUpAreMarkedAndLeftUnlocated() throws IOException {
        open(TestDatabases.all());

        String[][] cases = {
            {"10.0.12.34", "PRIVATE"}, {"100.64.1.1", "PRIVATE"}, {"169.254.169.254", "PRIVATE"}, {"127.0.0.1", "PRIVATE"},
            {"fd00::1", "PRIVATE"}, {"fe80::1", "PRIVATE"}, {"::ffff:192.168.1.1", "PRIVATE"},
            {"ec2.amazonaws.com", "CLOUD_SERVICE"}, {"AWS Internal", "CLOUD_SERVICE"},
            {"192.0.2.1", "RESERVED"}, {"redacted", "INVALID"}, {"1.2.3.999", "INVALID"}, {"1.2.3.4:99999999", "INVALID"},
        };
        for (String[] c : cases) {
            AuditEvent e = aws("sts.amazonaws.com", "GetCallerIdentity").ip(c[0]).build();
            assertThat(enricher.enrich(e)).as(c[0]).isEqualTo(GeoIpEnricher.Result.NOT_LOOKED_UP);
            assertThat(e.sourceIpKind).as(c[0]).isEqualTo(AddressKind.valueOf(c[1]));
            assertThat(e.geo).as(c[0]).isNull();
            assertThat(e.geoIp).as(c[0]).isNull();
        }
        AuditEvent none = aws("sts.amazonaws.com", "GetCallerIdentity").build();
        none.sourceIp = null;
        assertThat(enricher.enrich(none)).isEqualTo(GeoIpEnricher.Result.NOT_LOOKED_UP);
        assertThat(none.sourceIpKind).isEqualTo(AddressKind.NONE);
        assertThat(enricher.cacheHits() + enricher.cacheMisses()).isZero();
        assertThat(enricher.notLookedUp()).isEqualTo(cases.length + 1);
    }

    @Test
    void aPublicAddressNoDatabaseKnowsIsPublicWithoutGeo() throws IOException {
        open(TestDatabases.all());

        AuditEvent e = enriched("8.8.8.8");
        assertThat(e.sourceIpKind).isEqualTo(AddressKind.PUBLIC);
        assertThat(e.geo).isNull();
    }

    @Test
    void manyCallsFromOneAddressCostOneLookup() throws IOException {
        open(TestDatabases.all());

        assertThat(enricher.enrich(aws("sts.amazonaws.com", "GetCallerIdentity").ip("175.16.199.20").build())).isEqualTo(GeoIpEnricher.Result.CACHE_MISS);
        for (int i = 0; i < 9; i++) {
            AuditEvent e = aws("sts.amazonaws.com", "GetCallerIdentity").ip("175.16.199.20").build();
            assertThat(enricher.enrich(e)).isEqualTo(GeoIpEnricher.Result.CACHE_HIT);
            assertThat(e.geo.city).isEqualTo("Changchun");
        }
        enricher.enrich(aws("sts.amazonaws.com", "GetCallerIdentity").ip("8.8.8.8").build());
        enricher.enrich(aws("sts.amazonaws.com", "GetCallerIdentity").ip("8.8.8.8").build());
        enricher.enrich(aws("sts.amazonaws.com", "GetCallerIdentity").ip("10.1.1.1").build());

        assertThat(enricher.cacheMisses()).isEqualTo(2);
        assertThat(enricher.cacheHits()).isEqualTo(10);
        assertThat(enricher.notLookedUp()).isEqualTo(1);
        assertThat(enricher.cacheSize()).isEqualTo(2);
    }

    @Test
    void cachedAnswersAreCopiesSoAChangedEventLeavesTheCacheAlone() throws IOException {
        open(TestDatabases.all());

        AuditEvent first = enriched("175.16.199.20");
        first.geo.city = "Somewhere else";
        AuditEvent second = enriched("175.16.199.20");
        assertThat(second.geo.city).isEqualTo("Changchun");
        assertThat(second.geo).isNotSameAs(first.geo);
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirst() throws IOException {
        open(TestDatabases.settings(TestDatabases.path(TestDatabases.CITY).toString(), null, null, null, 2));

        enriched("175.16.199.20");
        enriched("81.2.69.142");
        enriched("175.16.199.20"); // hit: Changchun is now the most recent
        enriched("216.160.83.58"); // evicts London
        enriched("175.16.199.20"); // hit
        enriched("81.2.69.142"); // miss again

        assertThat(enricher.cacheSize()).isEqualTo(2);
        assertThat(enricher.cacheHits()).isEqualTo(2);
        assertThat(enricher.cacheMisses()).isEqualTo(4);
    }

    @Test
    void aCountryDatabaseGivesTheCountryOnly() throws IOException {
        open(TestDatabases.settings(null, TestDatabases.path(TestDatabases.COUNTRY).toString(), null, null, 100));

        Geo g = enriched("175.16.199.20").geo;
        Geo expected = new Geo();
        expected.source = Geo.SOURCE_GEOIP;
        expected.countryIso = "CN";
        assertThat(g).isEqualTo(expected);
        assertThat(enriched("81.2.69.142").geo.countryIso).isEqualTo("GB");
    }

    @Test
    void withoutDatabasesAddressesAreClassifiedOnly() throws IOException {
        open(GeoIpSettings.defaults());

        AuditEvent pub = aws("sts.amazonaws.com", "GetCallerIdentity").ip("175.16.199.20").build();
        assertThat(enricher.enrich(pub)).isEqualTo(GeoIpEnricher.Result.NO_DATABASE);
        assertThat(pub.sourceIpKind).isEqualTo(AddressKind.PUBLIC);
        assertThat(pub.geo).isNull();
        assertThat(enriched("ec2.amazonaws.com").sourceIpKind).isEqualTo(AddressKind.CLOUD_SERVICE);
        assertThat(enricher.checkForUpdates()).isFalse();
    }

    @Test
    void theProvidersLocationStaysTheEventsAndGeoIpsAnswerIsKeptBesideIt() throws IOException {
        open(TestDatabases.all());
        Geo entra = new Geo();
        entra.source = Geo.SOURCE_PROVIDER;
        entra.countryIso = "CN";
        entra.city = "Changchun";
        entra.region = "Jilin";
        entra.latitude = 43.8;
        entra.longitude = 125.3;

        // Entra saw the sign-in from 81.2.69.142 in Changchun (say, a VPN GeoIP places in London).
        AuditEvent e = azure("Microsoft.aadiam", "Sign-in activity").ip("81.2.69.142").build();
        e.providerGeo = entra;
        enricher.enrich(e);

        assertThat(e.geo.source).isEqualTo(Geo.SOURCE_PROVIDER);
        assertThat(e.geo.city).isEqualTo("Changchun");
        assertThat(e.geo.region).isEqualTo("Jilin");
        assertThat(e.geo.latitude).isEqualTo(43.8);
        // the network facts Entra does not give come from GeoIP
        assertThat(e.geo.torExitNode).isTrue();
        assertThat(e.geo.hostingProvider).isTrue();
        assertThat(e.geoIp.source).isEqualTo(Geo.SOURCE_GEOIP);
        assertThat(e.geoIp.city).isEqualTo("London");
        assertThat(e.geoIp.latitude).isEqualTo(51.5142);
        // the decoder's providerGeo is left as it was
        assertThat(e.providerGeo).isSameAs(entra);
        assertThat(entra.torExitNode).isFalse();
        assertThat(e.geo).isNotSameAs(entra);

        // A provider location for a private address: kept, nothing beside it.
        AuditEvent inside = azure("Microsoft.aadiam", "Sign-in activity").ip("10.0.0.4").build();
        inside.providerGeo = entra;
        enricher.enrich(inside);
        assertThat(inside.geo).isEqualTo(entra);
        assertThat(inside.geoIp).isNull();
        assertThat(inside.sourceIpKind).isEqualTo(AddressKind.PRIVATE);
    }

    @Test
    void theNetworkEntraSawWinsAndGeoIpPlacesASignInEntraGaveNoLocationFor() throws IOException {
        open(TestDatabases.all());
        // Entra saw AS29518 (GeoIP's too): GeoIP's place, Entra's network, GeoIP's name for it
        AuditEvent same = azure("Microsoft.aadiam", "Sign-in activity").ip("89.160.20.115").build();
        same.providerGeo = network(29518L);
        enricher.enrich(same);
        assertThat(same.geo.source).isEqualTo(Geo.SOURCE_GEOIP);
        assertThat(same.geo.city).isEqualTo("Linköping");
        assertThat(same.geo.accuracyRadiusKm).isEqualTo(76);
        assertThat(same.geo.asn).isEqualTo(29518L);
        assertThat(same.geo.asOrg).isEqualTo("Bredband2 AB");

        // Entra saw another network than GeoIP's database holds: Entra's, and no name rather than the wrong one
        AuditEvent other = azure("Microsoft.aadiam", "Sign-in activity").ip("89.160.20.115").build();
        other.providerGeo = network(8075L);
        enricher.enrich(other);
        assertThat(other.geo.city).isEqualTo("Linköping");
        assertThat(other.geo.asn).isEqualTo(8075L);
        assertThat(other.geo.asOrg).isNull();
        assertThat(other.geoIp.asn).isEqualTo(29518L);

        // Changchun has no ASN in the test database: Entra's fills it
        AuditEvent unknown = azure("Microsoft.aadiam", "Sign-in activity").ip("175.16.199.20").build();
        unknown.providerGeo = network(4837L);
        enricher.enrich(unknown);
        assertThat(unknown.geo.city).isEqualTo("Changchun");
        assertThat(unknown.geo.asn).isEqualTo(4837L);

        // A located Entra sign-in keeps its place and its network
        AuditEvent located = azure("Microsoft.aadiam", "Sign-in activity").ip("89.160.20.115").build();
        located.providerGeo = network(8075L);
        located.providerGeo.countryIso = "US";
        enricher.enrich(located);
        assertThat(located.geo.source).isEqualTo(Geo.SOURCE_PROVIDER);
        assertThat(located.geo.countryIso).isEqualTo("US");
        assertThat(located.geo.city).isNull();
        assertThat(located.geo.asn).isEqualTo(8075L);
    }

    private static Geo network(long asn) {
        Geo g = new Geo();
        g.source = Geo.SOURCE_PROVIDER;
        g.asn = asn;
        return g;
    }

    @Test
    void aReusedEventLosesTheAnswerOfItsPreviousAddress() throws IOException {
        open(TestDatabases.all());
        AuditEvent e = aws("sts.amazonaws.com", "GetCallerIdentity").ip("175.16.199.20").build();
        enricher.enrich(e);
        assertThat(e.geo).isNotNull();

        e.sourceIp = "10.1.2.3";
        enricher.enrich(e);
        assertThat(e.geo).isNull();
        assertThat(e.sourceIpKind).isEqualTo(AddressKind.PRIVATE);
    }

    @Test
    void closeClosesTheReaders() throws IOException {
        open(TestDatabases.all());
        enricher.close();
        // a closed reader answers nothing; the event still goes on
        AuditEvent e = aws("sts.amazonaws.com", "GetCallerIdentity").ip("81.2.69.142").build();
        assertThat(enricher.enrich(e)).isEqualTo(GeoIpEnricher.Result.LOOKUP_FAILED);
        assertThat(e.geo).isNull();
        assertThat(e.sourceIpKind).isEqualTo(AddressKind.PUBLIC);
        enricher = null;
    }
}
