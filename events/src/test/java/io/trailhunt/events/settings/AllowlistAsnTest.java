package io.trailhunt.events.settings;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Geo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.azure;
import static org.assertj.core.api.Assertions.assertThat;

/** An allowed network is recognised from GeoIP's answer and, without enrichment, from the network Entra saw. */
class AllowlistAsnTest {
    private final Allowlist officeNetwork = new Allowlist(List.of(), List.of(), List.of(5089L));

    @Test
    void theNetworkEntraSawCountsWithoutEnrichment() {
        AuditEvent e = azure("Microsoft.aadiam", "Sign-in activity").ip("81.2.69.160").build();
        assertThat(officeNetwork.allows(e)).isFalse();
        e.providerGeo = network(5089L);
        assertThat(officeNetwork.allows(e)).isTrue();
        e.providerGeo = network(8075L);
        assertThat(officeNetwork.allows(e)).isFalse();
    }

    @Test
    void theEnrichedNetworkComesFirst() {
        AuditEvent e = azure("Microsoft.aadiam", "Sign-in activity").ip("81.2.69.160").build();
        e.providerGeo = network(8075L);
        e.geo = network(5089L);
        assertThat(officeNetwork.allows(e)).isTrue();
        assertThat(e.asn()).isEqualTo(5089L);
    }

    private static Geo network(long asn) {
        Geo g = new Geo();
        g.asn = asn;
        return g;
    }
}
