package io.trailhunt.events.decode.azure;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.TestResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** StorageBlobLogs records written by hand after Microsoft's documented schema, in an Event Hubs envelope. */
class StorageBlobRecordsTest {
    private static final String FILE = "/handwritten/azure/storage-blob-logs.eventhub.json";
    private static final String SUBSCRIPTION = "3c7e1f52-8a4d-4b9e-a6f0-2d5c8b1e9a73";
    private static List<Decoded> out;

    @BeforeAll
    static void decode() {
        out = new RecordDecoder(DecoderLimits.defaults()).decode(TestResources.bytes(FILE), "storage.json");
    }

    private static AuditEvent event(int i) {
        assertThat(out.get(i).isEvent()).as("record %d decoded", i).isTrue();
        return out.get(i).event;
    }

    @Test
    void everyRecordIsADataEventOfTheSubscription() {
        assertThat(out).hasSize(4).allMatch(Decoded::isEvent);
        for (int i = 0; i < 4; i++) {
            AuditEvent e = event(i);
            assertThat(e.category).isEqualTo(Category.DATA);
            assertThat(e.service).isEqualTo("Microsoft.Storage");
            assertThat(e.account).isEqualTo(SUBSCRIPTION); // lower-cased even where the resourceId is upper case
        }
        // Storage's correlationId is the request id.
        assertThat(out).extracting(d -> d.event.eventId).containsExactly("b5e2c8a1-301e-0047-2c1d-8e7f5a000000",
                "2f8d4b61-c01e-0047-7a3e-8f2b19000000", "7c3e9a05-e01e-0052-1b4d-9a6c3e000000", "e4b7d2a9-601e-0047-4f8c-3d1e72000000");
    }

    @Test
    void oauthGetBlobNamesTheUserAndTheBytesRead() {
        AuditEvent e = event(0);
        assertThat(e.eventTime).isEqualTo(1_741_078_931_582L); // 2025-03-04T09:02:11.5829467Z
        assertThat(e.action).isEqualTo("GetBlob");
        assertThat(e.principal).isEqualTo("alice.martin@contoso.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.principalTypeRaw).isEqualTo("OAuth");
        assertThat(e.sourceIp).isEqualTo("81.2.69.142"); // "81.2.69.142:52344"
        assertThat(e.userAgent).startsWith("AZURECLI/2.58.0");
        assertThat(e.region).isEqualTo("uksouth");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.resources).containsExactly(entry("storageAccount", "contosofinance"),
                entry("container", "reports"), entry("blob", "2025/q1-forecast.xlsx"));
        assertThat(e.params)
                .containsEntry("bytesRead", "1048576")
                .containsEntry("authenticationType", "OAuth")
                .containsEntry("requesterAppId", "04b07795-8ddb-461a-bbee-02f9e1bf7b46")
                .containsEntry("statusCode", "200");
    }

    @Test
    void sasListBlobsIsKeyedByTheAccountsSasAndNamesOnlyTheContainer() {
        AuditEvent e = event(1);
        assertThat(e.action).isEqualTo("ListBlobs");
        assertThat(e.principal).isEqualTo("sas:contosofinance");
        assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);
        assertThat(e.principalTypeRaw).isEqualTo("SAS");
        assertThat(e.sourceIp).isEqualTo("203.0.113.77");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.resources).containsExactly(entry("storageAccount", "contosofinance"), entry("container", "reports"));
        assertThat(e.params).containsEntry("bytesRead", "5321").containsEntry("metricResponseType", "SASSuccess");
        assertThat(e.params.get("tokenHash")).startsWith("key1(3F0E").contains(",SasSignature(9B2C");
    }

    @Test
    void anonymousGetBlobOfAMissingBlobIsAFailureFromABracketedIpv6Caller() {
        AuditEvent e = event(2);
        assertThat(e.principal).isEqualTo("anonymous");
        assertThat(e.principalType).isEqualTo(PrincipalType.ANONYMOUS);
        assertThat(e.sourceIp).isEqualTo("2001:db8:4f2a::17"); // "[2001:db8:4f2a::17]:50412"
        assertThat(e.userAgent).isEqualTo("curl/8.5.0");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("BlobNotFound");
        assertThat(e.region).isEqualTo("westeurope");
        assertThat(e.resources).containsExactly(entry("storageAccount", "contosopublicweb"),
                entry("container", "assets"), entry("blob", "backup/site-config.zip"));
    }

    @Test
    void cyberduckDownloadWithTheAccountKey() {
        AuditEvent e = event(3);
        assertThat(e.userAgent).isEqualTo("Cyberduck/8.7.1.40770 (Mac OS X/14.0) (x86_64)");
        assertThat(e.principal).isEqualTo("storage-key:contosofinance");
        assertThat(e.principalTypeRaw).isEqualTo("AccountKey");
        assertThat(e.sourceIp).isEqualTo("198.51.100.23");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.params).containsEntry("bytesRead", "734003200");
        assertThat(e.resources).containsEntry("blob", "db-2025-03-01.bak");
    }
}
