package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class AzureLogDecoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AzureLogDecoder decoder = new AzureLogDecoder();

    private AuditEvent decode(String json) throws Exception {
        return decoder.decode(MAPPER.readTree(json.replace('\'', '"')), "test");
    }

    private static JsonNode json(String json) throws Exception {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    @ParameterizedTest(name = "resultType {0} -> {1}")
    @CsvSource({
        "Success, SUCCESS", "Succeeded, SUCCESS", "Failure, FAILURE", "Failed, FAILURE",
        "Start, UNKNOWN", "Started, UNKNOWN", "Accept, UNKNOWN", "Accepted, UNKNOWN", "Active, UNKNOWN",
        "In Progress, UNKNOWN", "Resolved, UNKNOWN",
    })
    void activityOutcomeMapping(String resultType, Outcome expected) throws Exception {
        AuditEvent e = decode("{'time': '2025-03-04T12:00:00Z', 'category': 'Administrative', 'resultType': '" + resultType + "',"
                + " 'operationName': 'Microsoft.Compute/virtualMachines/write',"
                + " 'resourceId': '/subscriptions/s1/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm1'}");
        assertThat(e.outcome).isEqualTo(expected);
    }

    @Test
    void activityLogRestShapeWithAFailedCall() throws Exception {
        AuditEvent e = decode("""
                {'eventTimestamp': '2025-03-04T12:10:00.5Z', 'submissionTimestamp': '2025-03-04T12:11:02Z',
                 'eventDataId': '8d3c1b2a-7e6f-4a5b-9c0d-1e2f3a4b5c6d', 'correlationId': 'c-1',
                 'operationName': {'value': 'Microsoft.Authorization/roleAssignments/write', 'localizedValue': 'Create role assignment'},
                 'category': {'value': 'Administrative', 'localizedValue': 'Administrative'},
                 'status': {'value': 'Failed', 'localizedValue': 'Failed'},
                 'subStatus': {'value': 'Forbidden', 'localizedValue': 'Forbidden (HTTP Status Code: 403)'},
                 'caller': 'Bob.Jones@contoso.com',
                 'claims': {'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'Bob.Jones@contoso.com', 'appid': 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c'},
                 'httpRequest': {'clientRequestId': 'r-1', 'clientIpAddress': '45.134.26.77', 'method': 'PUT'},
                 'resourceId': '/subscriptions/3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73/providers/Microsoft.Authorization/roleAssignments/ra-1',
                 'resourceProviderName': {'value': 'Microsoft.Authorization'},
                 'subscriptionId': '3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73', 'tenantId': '4f1c9a6e-2b7d-4e38-9c51-7d2a0b8e6f13',
                 'properties': {'statusCode': 'Forbidden', 'statusMessage': 'The client does not have authorization to perform action'}}
                """);
        assertThat(e.eventId).isEqualTo("8d3c1b2a-7e6f-4a5b-9c0d-1e2f3a4b5c6d");
        assertThat(e.eventTime).isEqualTo(1_741_090_200_500L);
        assertThat(e.account).isEqualTo("3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73");
        assertThat(e.principal).isEqualTo("bob.jones@contoso.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.sourceIp).isEqualTo("45.134.26.77");
        assertThat(e.service).isEqualTo("Microsoft.Authorization");
        assertThat(e.action).isEqualTo("Microsoft.Authorization/roleAssignments/write");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("Forbidden");
        assertThat(e.errorMessage).isEqualTo("The client does not have authorization to perform action");
        assertThat(e.category).isEqualTo(Category.MANAGEMENT);
        assertThat(e.region).isNull();
    }

    @Test
    void entraAuditByAnApplicationWithANullMarkerForTheAddress() throws Exception {
        AuditEvent e = decode("""
                {'time': '2025-03-04T13:00:00Z', 'resourceId': '/tenants/4F1C9A6E-2B7D-4E38-9C51-7D2A0B8E6F13/providers/Microsoft.aadiam',
                 'operationName': 'Add user', 'category': 'AuditLogs', 'callerIpAddress': '<null>',
                 'properties': {'id': 'Directory_abc_123', 'category': 'UserManagement', 'result': 'failure', 'resultReason': 'Quota exceeded',
                   'loggedByService': 'Core Directory',
                   'initiatedBy': {'app': {'appId': null, 'displayName': 'Microsoft Azure AD Internal - Jit Provisioning',
                                           'servicePrincipalId': '5C4B2E10-9F3A-4D7E-B8C1-0A2B3C4D5E6F'}},
                   'targetResources': [{'type': 'Group', 'displayName': 'Admins'},
                                       {'type': 'User', 'userPrincipalName': 'New.Hire@contoso.com', 'displayName': null}]}}
                """);
        assertThat(e.account).isEqualTo("4f1c9a6e-2b7d-4e38-9c51-7d2a0b8e6f13"); // from the resourceId, lower-cased
        assertThat(e.principal).isEqualTo("5c4b2e10-9f3a-4d7e-b8c1-0a2b3c4d5e6f");
        assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(e.principalTypeRaw).isEqualTo("app");
        assertThat(e.sourceIp).isNull();
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("failure");
        assertThat(e.errorMessage).isEqualTo("Quota exceeded");
        assertThat(e.resources).containsExactly(entry("targetUser", "new.hire@contoso.com"));
        assertThat(e.params).containsEntry("category", "UserManagement").containsEntry("targetResources.0.type", "Group");
    }

    @Test
    void managedIdentitySignIn() throws Exception {
        AuditEvent e = decode("{'time': '2025-03-04T13:00:00Z', 'category': 'ManagedIdentitySignInLogs', 'operationName': 'Sign-in activity',"
                + " 'tenantId': 't1', 'resultType': '0', 'properties': {'servicePrincipalId': 'MI-1', 'appId': 'app-1'}}");
        assertThat(e.principal).isEqualTo("mi-1");
        assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(e.principalTypeRaw).isEqualTo("managedIdentity");
        assertThat(e.providerGeo).isNull();
    }

    @Test
    void countryNameIsNotPassedOffAsAnIsoCode() throws Exception {
        AuditEvent e = decode("{'time': '2025-03-04T13:00:00Z', 'category': 'SignInLogs', 'operationName': 'Sign-in activity',"
                + " 'resultType': '0', 'properties': {'userPrincipalName': 'a@b.c', 'location': {'countryOrRegion': 'United States', 'city': 'Seattle'}}}");
        assertThat(e.providerGeo.countryIso).isNull();
        assertThat(e.providerGeo.country).isEqualTo("United States");
        assertThat(e.providerGeo.city).isEqualTo("Seattle");
    }

    @Test
    void lookalikesAreNamed() throws Exception {
        assertThatThrownBy(() -> decoder.decode(json("{'CreationTime': '2022-05-07T12:55:53', 'Operation': 'UserLoggedIn',"
                + " 'Workload': 'AzureActiveDirectory', 'RecordType': 15}"), "t"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("Microsoft 365 Management Activity API record (Workload 'AzureActiveDirectory'), not an Azure log this decoder reads");
        assertThatThrownBy(() -> decoder.decode(json("{'TimeGenerated': '2021-08-02T13:29:25Z', 'OperationName': 'Add user', 'Type': 'AuditLogs'}"), "t"))
                .hasMessage("Microsoft Sentinel / Log Analytics table row of table 'AuditLogs' (PascalCase columns such as 'TimeGenerated'),"
                        + " not a raw Azure log record");
        assertThatThrownBy(() -> decoder.decode(json("{'time': '2023-07-21 05:05:12', 'category': 'SignInLogs', 'operationname': 'Sign-in activity'}"), "t"))
                .hasMessageStartingWith("Azure record with lower-cased field names");
    }

    @Test
    void unsupportedKindsAreNamed() {
        assertThatThrownBy(() -> decode("{'time': '2025-03-04T13:00:00Z', 'category': 'FunctionAppLogs', 'operationName': 'Microsoft.Web/sites/functions/log'}"))
                .hasMessage("Azure record of category 'FunctionAppLogs' is not a kind this decoder reads (Entra sign-in and audit logs,"
                        + " Activity Log, storage logs)");
        assertThatThrownBy(() -> decode("{'time': '2025-03-04T13:00:00Z', 'operationName': 'DoSomething'}"))
                .hasMessage("Azure record without a 'category' and without the fields of a sign-in, audit, Activity Log or storage record");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1.2.3.4:5678 | 1.2.3.4",
        "1.2.3.4 | 1.2.3.4",
        "[2001:db8::1]:443 | 2001:db8::1",
        "2001:db8::1 | 2001:db8::1",
        "fe80::1:80 | fe80::1:80",
        "<null> | ",
        "'' | ",
        "AzureResourceManager | AzureResourceManager",
    })
    void callerAddressWithoutPort(String raw, String expected) {
        assertThat(AzureFields.bareAddress(raw)).isEqualTo(expected);
    }

    @Test
    void resourceIdParts() {
        assertThat(AzureFields.subscription("/SUBSCRIPTIONS/ABC-1/resourceGroups/x")).isEqualTo("abc-1");
        assertThat(AzureFields.subscription("/providers/Microsoft.Authorization")).isNull();
        assertThat(AzureFields.tenant("/tenants/T-1/providers/Microsoft.aadiam")).isEqualTo("t-1");
        assertThat(AzureFields.providerOfResourceId("/tenants/t/providers/Microsoft.aadiam")).isEqualTo("Microsoft.aadiam");
        assertThat(AzureFields.providerOfOperation("Microsoft.Insights/diagnosticSettings/delete")).isEqualTo("Microsoft.Insights");
        assertThat(AzureFields.providerOfOperation("GetBlob")).isNull();
    }
}
