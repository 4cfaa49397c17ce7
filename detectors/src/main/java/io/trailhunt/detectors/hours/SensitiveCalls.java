package io.trailhunt.detectors.hours;

import io.trailhunt.detectors.volume.ActionClass;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;

import java.util.Locale;
import java.util.Set;

/**
 * The calls after-hours-access cares about: data access (any data-plane call), reads of secrets
 * and keys, and changes to identity, keys, secrets and audit logging. Ordinary reads of
 * configuration at night (a dashboard refreshing) are not sensitive.
 */
public final class SensitiveCalls {
    /** Services where any change is sensitive. */
    private static final Set<String> GUARDED = Set.of("iam.amazonaws.com", "sts.amazonaws.com", "kms.amazonaws.com",
            "secretsmanager.amazonaws.com", "ssm.amazonaws.com", "organizations.amazonaws.com", "cloudtrail.amazonaws.com",
            "sso.amazonaws.com", "iam.googleapis.com", "iamcredentials.googleapis.com", "cloudkms.googleapis.com",
            "secretmanager.googleapis.com", "logging.googleapis.com", "cloudresourcemanager.googleapis.com",
            "microsoft.authorization", "microsoft.keyvault", "microsoft.insights", "microsoft.aadiam", "core directory");
    /** Reads that hand out secrets or keys. */
    private static final Set<String> SECRET_READS = Set.of("getsecretvalue", "batchgetsecretvalue", "getparameter", "getparameters",
            "getparametersbypath", "decrypt", "generatedatakey", "getpassworddata", "accesssecretversion", "listkeys", "getsessiontoken",
            "getfederationtoken", "generateaccesstoken", "signblob", "signjwt");

    private SensitiveCalls() {}

    /** @return a short description ("data access", "secret or key read", "sensitive change"), or null when not sensitive */
    public static String kind(AuditEvent e) {
        if (e.category == Category.DATA) {
            return "data access";
        }
        if (e.category == Category.SIGN_IN) {
            return null;
        }
        String verb = verb(e.action);
        if (SECRET_READS.contains(verb)) {
            return "secret or key read";
        }
        if (e.service != null && GUARDED.contains(e.service.toLowerCase(Locale.ROOT)) && !ActionClass.isRead(e)) {
            return "sensitive change";
        }
        return null;
    }

    private static String verb(String action) {
        if (action == null) {
            return "";
        }
        // Azure operations end in their kind: Microsoft.Storage/storageAccounts/listKeys/action.
        if (action.regionMatches(true, action.length() - 7, "/action", 0, 7)) {
            action = action.substring(0, action.length() - 7);
        }
        int cut = Math.max(action.lastIndexOf('.'), action.lastIndexOf('/'));
        String v = cut >= 0 && cut < action.length() - 1 ? action.substring(cut + 1) : action;
        return v.toLowerCase(Locale.ROOT);
    }
}
