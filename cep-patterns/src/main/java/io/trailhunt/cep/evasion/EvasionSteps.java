package io.trailhunt.cep.evasion;

import io.trailhunt.detectors.tampering.Tampering;
import io.trailhunt.detectors.tampering.TamperingCatalog;
import io.trailhunt.events.model.AuditEvent;

import java.util.Locale;
import java.util.Set;

/**
 * The steps of a defense-evasion story, as functions of one event: weakening the audit logs
 * (recognised by the log-tampering rule's {@link TamperingCatalog}), then an action the missing
 * logs would have shown: reading data, creating credentials, launching compute.
 */
public final class EvasionSteps {
    public enum Kind {
        TAMPERING, DATA_READ, CREDENTIAL, COMPUTE
    }

    private static final Set<String> AWS_READS = Set.of("GetObject", "SelectObjectContent", "GetSecretValue", "BatchGetSecretValue",
            "GetParameter", "GetParameters", "GetParametersByPath");
    private static final Set<String> AWS_CREDENTIALS = Set.of("CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile");
    private static final Set<String> AWS_COMPUTE = Set.of("RunInstances", "CreateFunction20150331", "StartInstances");
    private static final Set<String> GCP_READS = Set.of("storage.objects.get",
            "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion");
    private static final Set<String> GCP_CREDENTIALS = Set.of("google.iam.admin.v1.CreateServiceAccountKey");
    private static final Set<String> GCP_COMPUTE = Set.of("v1.compute.instances.insert", "beta.compute.instances.insert",
            "compute.instances.insert");
    private static final Set<String> AZURE_READS = Set.of("getblob", "secretget");
    private static final Set<String> AZURE_CREDENTIALS = Set.of("add service principal credentials",
            "microsoft.storage/storageaccounts/listkeys/action");
    private static final Set<String> AZURE_COMPUTE = Set.of("microsoft.compute/virtualmachines/write");

    private EvasionSteps() {}

    /** The step a successful call is, or null. */
    public static Kind kind(AuditEvent e) {
        if (e.action == null || e.cloud == null || !e.succeeded()) {
            return null;
        }
        if (TamperingCatalog.isCandidate(e)) {
            return TamperingCatalog.classify(e) != null ? Kind.TAMPERING : null;
        }
        switch (e.cloud) {
            case AWS:
                return of(e.action, AWS_READS, AWS_CREDENTIALS, AWS_COMPUTE);
            case GCP:
                return of(e.action, GCP_READS, GCP_CREDENTIALS, GCP_COMPUTE);
            default:
                return of(e.action.toLowerCase(Locale.ROOT), AZURE_READS, AZURE_CREDENTIALS, AZURE_COMPUTE);
        }
    }

    private static Kind of(String action, Set<String> reads, Set<String> credentials, Set<String> compute) {
        if (reads.contains(action)) {
            return Kind.DATA_READ;
        }
        if (credentials.contains(action)) {
            return Kind.CREDENTIAL;
        }
        return compute.contains(action) ? Kind.COMPUTE : null;
    }

    public static Tampering tampering(AuditEvent e) {
        return TamperingCatalog.classify(e);
    }

    static String describe(Kind kind) {
        switch (kind) {
            case DATA_READ:
                return "read data";
            case CREDENTIAL:
                return "created credentials";
            default:
                return "launched compute";
        }
    }

    static String technique(Kind kind) {
        switch (kind) {
            case DATA_READ:
                return "T1530";
            case CREDENTIAL:
                return "T1098.001";
            default:
                return "T1578.002";
        }
    }
}
