package io.trailhunt.events.decode.azure;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One Event Hubs message with records of every kind and two bad ones: each bad record costs only itself. */
class AzureEnvelopeTest {
    private static final String MESSAGE = """
            {"records": [
              {"time": "2025-03-04T12:00:01.1234567Z",
               "resourceId": "/SUBSCRIPTIONS/3C7E1F52-8A4D-4B9E-A6F0-2D5C8B1E9A73/RESOURCEGROUPS/RG-OPS/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/SEND-TO-SIEM",
               "operationName": "MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE",
               "category": "Delete",
               "resultType": "Success",
               "resultSignature": "Succeeded.OK",
               "durationMs": 412,
               "callerIpAddress": "81.2.69.142",
               "correlationId": "6a3f9c21-0b7e-4d58-9e14-c2a7b5d03f86",
               "identity": {"authorization": {"scope": "/subscriptions/3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73",
                                              "action": "Microsoft.Insights/diagnosticSettings/delete",
                                              "evidence": {"role": "Owner", "principalType": "User"}},
                            "claims": {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": "Alice.Martin@contoso.com",
                                       "name": "Alice Martin",
                                       "http://schemas.microsoft.com/identity/claims/objectidentifier": "a3d9f1c7-5b2e-4e8a-9f60-1c4b7d2e8a15",
                                       "appid": "c44b4083-3bb0-49c1-b47d-974e53cbdf3c"}},
               "level": "Information",
               "location": "global",
               "properties": {"statusCode": "OK", "serviceRequestId": "f19e7a0c-4d25-4b6a-a8f3-3e0d2c9b1a57"}},
              {"time": "2025-03-04T12:00:02Z", "category": "SignInLogs", "operationName": "Sign-in activity",
               "tenantId": "4f1c9a6e-2b7d-4e38-9c51-7d2a0b8e6f13", "resultType": "0", "callerIpAddress": "81.2.69.142",
               "properties": {"id": "0f2b7d4e-1a3c-4e5f-8a9b-c0d1e2f3a4b5", "userPrincipalName": "alice.martin@contoso.com"}},
              {"category": "SignInLogs", "operationName": "Sign-in activity", "resultType": "0",
               "properties": {"userPrincipalName": "no.time@contoso.com"}},
              {"time": "2025-03-04T12:00:03Z", "category": "StorageDelete", "operationName": "DeleteBlob",
               "resourceId": "/subscriptions/3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/contosofinance/blobServices/default",
               "statusCode": 202, "statusText": "Success", "callerIpAddress": "81.2.69.142:50111",
               "identity": {"type": "OAuth", "requester": {"objectId": "2B6E9D04-7C31-4F8A-B5E2-0D9A4C1F6E83"},
                            "authorization": [{"principals": [{"id": "2b6e9d04-7c31-4f8a-b5e2-0d9a4c1f6e83", "type": "ServicePrincipal"}]}]},
               "properties": {"accountName": "contosofinance", "objectKey": "/contosofinance/backups/db.bak", "serviceType": "blob"}},
              42
            ]}
            """;

    @Test
    void goodRecordsDecodeAndBadOnesAreDeadLetteredByPosition() {
        List<Decoded> out = new RecordDecoder(DecoderLimits.defaults()).decode(MESSAGE.getBytes(StandardCharsets.UTF_8), "hub/p3/o77");
        assertThat(out).hasSize(5);
        assertThat(out).extracting(Decoded::isEvent).containsExactly(true, true, false, true, false);

        assertThat(out.get(2).deadLetter.reason).isEqualTo("no event time: fields 'time' and 'properties.createdDateTime' are missing");
        assertThat(out.get(2).deadLetter.origin).isEqualTo("hub/p3/o77#records[2]");
        assertThat(out.get(2).deadLetter.rawPrefix).contains("no.time@contoso.com");
        assertThat(out.get(4).deadLetter.reason).isEqualTo("JSON number where an audit event object was expected");
        assertThat(out.get(4).deadLetter.origin).isEqualTo("hub/p3/o77#records[4]");

        AuditEvent activity = out.get(0).event;
        assertThat(activity.origin).isEqualTo("hub/p3/o77#records[0]");
        assertThat(activity.category).isEqualTo(Category.MANAGEMENT); // "Delete": Event Hubs' name for an administrative event
        assertThat(activity.account).isEqualTo("3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73");
        assertThat(activity.principal).isEqualTo("alice.martin@contoso.com");
        assertThat(activity.principalType).isEqualTo(PrincipalType.USER);
        assertThat(activity.service).isEqualTo("MICROSOFT.INSIGHTS");
        assertThat(activity.action).isEqualTo("MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE");
        assertThat(activity.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(activity.region).isEqualTo("global");
        assertThat(activity.params)
                .containsEntry("correlationId", "6a3f9c21-0b7e-4d58-9e14-c2a7b5d03f86")
                .containsEntry("resultSignature", "Succeeded.OK")
                .containsEntry("appId", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c")
                .containsEntry("evidence.role", "Owner")
                .containsEntry("properties.statusCode", "OK");

        AuditEvent signIn = out.get(1).event;
        assertThat(signIn.origin).isEqualTo("hub/p3/o77#records[1]");
        assertThat(signIn.principal).isEqualTo("alice.martin@contoso.com"); // same key as her ARM calls
        assertThat(signIn.account).isEqualTo("4f1c9a6e-2b7d-4e38-9c51-7d2a0b8e6f13");
        assertThat(signIn.category).isEqualTo(Category.SIGN_IN);

        AuditEvent delete = out.get(3).event;
        assertThat(delete.origin).isEqualTo("hub/p3/o77#records[3]");
        assertThat(delete.category).isEqualTo(Category.DATA);
        assertThat(delete.outcome).isEqualTo(Outcome.SUCCESS); // 202
        assertThat(delete.principal).isEqualTo("2b6e9d04-7c31-4f8a-b5e2-0d9a4c1f6e83");
        assertThat(delete.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(delete.sourceIp).isEqualTo("81.2.69.142");
    }
}
