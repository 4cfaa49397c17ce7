package io.trailhunt.bench.sample;

import java.time.Instant;
import java.util.Random;

import static io.trailhunt.bench.sample.SampleDay.at;
import static io.trailhunt.bench.sample.SampleDay.between;

/** The Azure tenant: frank and grace sign in and work; grace's password is guessed from Changchun. */
final class AzureDay {
    static final String SIGNINS = "insights-logs-signinlogs";
    static final String ACTIVITY = "insights-activity-logs";
    static final String BLOBS = "insights-logs-storageread";
    static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51";
    private static final String ATTACKER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0";
    static final String AZCOPY = "AzCopy/10.24.0 azsdk-go-azblob/v1.3.1 (go1.22.1; linux)";

    private final Random random;
    private final DayFiles files;
    private final AzureLogs az;

    AzureDay(Random random, DayFiles files) {
        this.random = random;
        this.files = files;
        this.az = new AzureLogs(random);
    }

    void write() {
        frank();
        grace();
        passwordGuessedThenDiagnosticsDeleted();
    }

    static String tenantResource() {
        return "/tenants/" + AzureLogs.TENANT + "/providers/Microsoft.aadiam";
    }

    static String subscriptionResource() {
        return "/SUBSCRIPTIONS/" + AzureLogs.SUBSCRIPTION.toUpperCase();
    }

    static String blobResource() {
        return "/subscriptions/" + AzureLogs.SUBSCRIPTION + "/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/acmedata/blobServices/default";
    }

    /** frank works from Milton: a sign-in, VM operations, blob reads. */
    private void frank() {
        String upn = "frank@acme.example";
        Instant t = at("16:02:33");
        files.azure(t, SIGNINS, tenantResource(), az.signIn(t, upn, "Frank Castle", Places.HOME_US, EDGE, "Azure Portal", "0",
                "US", "Washington", "Milton", 47.2513, -122.3149));
        for (int i = 0; i < 6; i++) {
            t = between(random, "16:10:00", "23:30:00");
            String vm = "/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app-" + random.nextInt(4);
            files.azure(t, ACTIVITY, subscriptionResource(), az.activity(t, upn, Places.HOME_US,
                    i % 2 == 0 ? "Microsoft.Compute/virtualMachines/start/action" : "Microsoft.Compute/virtualMachines/restart/action", vm, "Success"));
        }
        for (int i = 0; i < 40; i++) {
            t = between(random, "16:15:00", "23:45:00");
            files.azure(t, BLOBS, blobResource(), az.blob(t, "acmedata", "models", "v3/shard-" + random.nextInt(64) + ".bin", "GetBlob",
                    upn, Places.HOME_US, 50_000 + random.nextInt(10_000), AZCOPY, 200, 4_000_000 + random.nextInt(1_000_000)));
        }
    }

    /** grace works from Linköping in the morning. */
    private void grace() {
        String upn = "grace@acme.example";
        Instant t = at("07:45:12");
        files.azure(t, SIGNINS, tenantResource(), az.signIn(t, upn, "Grace Hopper", Places.OFFICE_SE_1, EDGE, "Azure Portal", "0",
                "SE", "Östergötland", "Linköping", 58.4167, 15.6167));
        for (int i = 0; i < 4; i++) {
            t = between(random, "08:00:00", "11:30:00");
            files.azure(t, ACTIVITY, subscriptionResource(), az.activity(t, upn, Places.OFFICE_SE_1,
                    "Microsoft.Storage/storageAccounts/listKeys/action", "/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/acmedata", "Success"));
        }
    }

    /** Six wrong passwords, a right one, and the subscription's logs stop flowing to the SIEM. */
    private void passwordGuessedThenDiagnosticsDeleted() {
        String upn = "grace@acme.example";
        String ip = Places.ATTACKER_CN_2;
        for (int i = 0; i < 6; i++) {
            Instant t = at("16:00:05").plusSeconds(i * 41L);
            files.azure(t, SIGNINS, tenantResource(), az.signIn(t, upn, "Grace Hopper", ip, ATTACKER_UA, "Azure Portal", "50126",
                    "CN", "Jilin Sheng", "Changchun", 43.88, 125.3228));
        }
        Instant t = at("16:07:19");
        files.azure(t, SIGNINS, tenantResource(), az.signIn(t, upn, "Grace Hopper", ip, ATTACKER_UA, "Azure Portal", "0",
                "CN", "Jilin Sheng", "Changchun", 43.88, 125.3228));
        t = at("16:15:42");
        files.azure(t, ACTIVITY, subscriptionResource(), az.activity(t, upn, ip, "microsoft.insights/diagnosticSettings/delete",
                "/providers/microsoft.insights/diagnosticSettings/send-to-sentinel", "Success"));
    }
}
