package io.trailhunt.events.decode.azure;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.TestResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Entra ID sign-in records written by hand after Microsoft's SignInLogs resource-log schema (no
 * real ones are public), delivered as Event Hubs does: one {"records":[...]} message.
 */
class EntraSignInRecordsTest {
    private static final String FILE = "/handwritten/azure/entra-signin-logs.eventhub.json";
    private static final String TENANT = "4f1c9a6e-2b7d-4e38-9c51-7d2a0b8e6f13";
    private static List<Decoded> out;

    @BeforeAll
    static void decode() {
        out = new RecordDecoder(DecoderLimits.defaults()).decode(TestResources.bytes(FILE), "eventhub/signins/0/42");
    }

    private static AuditEvent event(int i) {
        assertThat(out.get(i).isEvent()).as("record %d decoded", i).isTrue();
        return out.get(i).event;
    }

    @Test
    void everyRecordOfTheEnvelopeIsASignInOfTheTenant() {
        assertThat(out).hasSize(5).allMatch(Decoded::isEvent);
        for (int i = 0; i < 5; i++) {
            AuditEvent e = event(i);
            assertThat(e.origin).isEqualTo("eventhub/signins/0/42#records[" + i + "]");
            assertThat(e.cloud).isEqualTo(Cloud.AZURE);
            assertThat(e.category).isEqualTo(Category.SIGN_IN);
            assertThat(e.account).isEqualTo(TENANT);
            assertThat(e.service).isEqualTo("Microsoft.aadiam");
            assertThat(e.action).isEqualTo("Sign-in activity");
        }
    }

    @Test
    void interactiveSuccessWithMfaAndProviderLocation() {
        AuditEvent e = event(0);
        assertThat(e.eventId).isEqualTo("6b1e7c2d-94a0-4d5f-b3e8-0a7c2f1d9e44");
        assertThat(e.eventTime).isEqualTo(1_741_076_102_684L); // 2025-03-04T08:15:02.6841230Z
        assertThat(e.principal).isEqualTo("alice.martin@contoso.com"); // UPN lower-cased
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.principalTypeRaw).isEqualTo("user");
        assertThat(e.sourceIp).isEqualTo("81.2.69.142");
        assertThat(e.userAgent).endsWith("Edg/122.0.0.0");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.errorCode).isNull();
        assertThat(e.resources).containsExactly(entry("app", "Azure Portal"));
        assertThat(e.params)
                .containsEntry("authenticationRequirement", "multiFactorAuthentication")
                .containsEntry("authenticationDetails.0.authenticationMethod", "Password")
                .containsEntry("authenticationDetails.1.authenticationMethod", "Mobile app notification")
                .containsEntry("conditionalAccessStatus", "success")
                .containsEntry("isInteractive", "true")
                .containsEntry("clientAppUsed", "Browser")
                .containsEntry("appId", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c")
                .containsEntry("resourceDisplayName", "Windows Azure Service Management API")
                .doesNotContainKeys("riskEventTypes", "riskEventTypes_v2"); // empty lists are no signal
        Geo g = e.providerGeo;
        assertThat(g.source).isEqualTo(Geo.SOURCE_PROVIDER);
        assertThat(g.countryIso).isEqualTo("GB");
        assertThat(g.region).isEqualTo("London");
        assertThat(g.city).isEqualTo("London");
        assertThat(g.latitude).isEqualTo(51.5085);
        assertThat(g.longitude).isEqualTo(-0.1257);
        assertThat(g.asn).isEqualTo(5089L); // the network Entra saw, written as a number
        assertThat(e.geo).isNull();
    }

    @Test
    void wrongPasswordIsFailure50126WithItsDescription() {
        AuditEvent e = event(1);
        assertThat(e.principal).isEqualTo("bob.jones@contoso.com");
        assertThat(e.sourceIp).isEqualTo("45.134.26.77");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("50126");
        assertThat(e.errorMessage).isEqualTo("Error validating credentials due to invalid username or password.");
        assertThat(e.providerGeo.countryIso).isEqualTo("NL");
        assertThat(e.providerGeo.city).isEqualTo("Amsterdam");
        assertThat(e.providerGeo.asn).isNull(); // none written
        assertThat(e.params).containsEntry("authenticationRequirement", "singleFactorAuthentication");
    }

    @Test
    void nonInteractiveRefreshFromAnIpv6Address() {
        AuditEvent e = event(2);
        assertThat(e.principal).isEqualTo("alice.martin@contoso.com"); // same key as her interactive sign-in
        assertThat(e.sourceIp).isEqualTo("2a01:4b00:8e0c:1200:d1e4:7a36:2f13:5c08"); // colons are not a port
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.params)
                .containsEntry("isInteractive", "false")
                .containsEntry("authenticationDetails.0.authenticationMethod", "Previously satisfied");
        assertThat(e.resources).containsExactly(entry("app", "Microsoft Office"));
    }

    @Test
    void servicePrincipalSignInIsKeyedByItsObjectId() {
        AuditEvent e = event(3);
        assertThat(e.principal).isEqualTo("2b6e9d04-7c31-4f8a-b5e2-0d9a4c1f6e83");
        assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(e.principalTypeRaw).isEqualTo("servicePrincipal");
        assertThat(e.userAgent).isNull();
        assertThat(e.sourceIp).isEqualTo("20.42.65.91");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.resources).containsExactly(entry("app", "deploy-pipeline"));
        assertThat(e.params)
                .containsEntry("appId", "8f2d3b71-6e49-4c05-a1d8-3b7e0f9c2a64")
                .containsEntry("servicePrincipalName", "deploy-pipeline");
        assertThat(e.providerGeo.city).isEqualTo("Boydton");
    }

    @Test
    void riskySignInFromAnAnonymizingNetworkCarriesTheRiskEventTypes() {
        AuditEvent e = event(4);
        assertThat(e.principal).isEqualTo("carol.white@contoso.com");
        assertThat(e.sourceIp).isEqualTo("185.220.101.34");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.params)
                .containsEntry("riskLevelDuringSignIn", "high")
                .containsEntry("riskLevelAggregated", "medium")
                .containsEntry("riskState", "atRisk")
                .containsEntry("riskEventTypes", "anonymizedIPAddress")
                .containsEntry("riskEventTypes_v2", "anonymizedIPAddress");
        assertThat(e.providerGeo.countryIso).isEqualTo("DE");
    }
}
