package io.trailhunt.detectors.persistence;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.PrincipalType;

import java.util.Locale;

/**
 * The calls that create long-lived credentials, across clouds: AWS access keys and console
 * passwords, GCP service-account keys, Entra service principal and application secrets or
 * certificates. Says whose credential it is, as far as the log tells.
 */
public final class CredentialCatalog {
    static final String IAM = "iam.amazonaws.com";
    static final String GCP_IAM = "iam.googleapis.com";

    private CredentialCatalog() {}

    /** The credential this call created, or null when it created none (or failed). */
    public static CredentialAction classify(AuditEvent e) {
        if (e.action == null || e.cloud == null) {
            return null;
        }
        switch (e.cloud) {
            case AWS:
                return aws(e);
            case GCP:
                return gcp(e);
            default:
                return azure(e);
        }
    }

    /** A cheap pre-filter on the action name alone, for the host's accepts(). */
    public static boolean isCandidate(AuditEvent e) {
        String a = e.action;
        if (a == null) {
            return false;
        }
        if (e.cloud == Cloud.AWS) {
            return a.equals("CreateAccessKey") || a.equals("CreateLoginProfile") || a.equals("UpdateLoginProfile");
        }
        if (e.cloud == Cloud.GCP) {
            return a.endsWith("CreateServiceAccountKey") || a.endsWith("UploadServiceAccountKey");
        }
        return e.cloud == Cloud.AZURE && (a.length() > 20 && (a.regionMatches(true, 0, "Add service principal credentials", 0, 20)
                || a.regionMatches(true, 0, "Update application", 0, 18)));
    }

    private static CredentialAction aws(AuditEvent e) {
        if (!IAM.equals(e.service)) {
            return null;
        }
        String target = e.resource("userName");
        boolean self = isAwsSelf(e, target);
        switch (e.action) {
            case "CreateAccessKey":
                return new CredentialAction("aws-access-key", "access key", target, self);
            case "CreateLoginProfile":
                return new CredentialAction("aws-login-profile", "console password", target, self);
            case "UpdateLoginProfile":
                return new CredentialAction("aws-login-profile-update", "console password reset", target, self);
            default:
                return null;
        }
    }

    /** A call without a userName acts on the caller; the root user's own keys are "Root". */
    private static boolean isAwsSelf(AuditEvent e, String target) {
        if (target == null) {
            return true;
        }
        if (e.principalType == PrincipalType.ROOT) {
            return target.equalsIgnoreCase("root");
        }
        String p = e.principal;
        int user = p == null ? -1 : p.indexOf(":user/");
        return user >= 0 && p.substring(p.lastIndexOf('/') + 1).equals(target);
    }

    private static CredentialAction gcp(AuditEvent e) {
        if (!GCP_IAM.equals(e.service) || !(e.action.endsWith("CreateServiceAccountKey") || e.action.endsWith("UploadServiceAccountKey"))) {
            return null;
        }
        String target = e.resource("serviceAccount");
        String name = e.param("request.name");
        if (name != null && name.contains("serviceAccounts/")) {
            String fromRequest = name.substring(name.lastIndexOf("serviceAccounts/") + "serviceAccounts/".length());
            // The request names the account by email when the caller did; the resource may only have its numeric id.
            if (target == null || (fromRequest.contains("@") && !target.contains("@"))) {
                target = fromRequest;
            }
        }
        boolean self = target != null && target.equalsIgnoreCase(e.principal);
        return new CredentialAction("gcp-service-account-key", "service-account key", target, self);
    }

    private static CredentialAction azure(AuditEvent e) {
        String op = normalize(e.action);
        String kind;
        String what;
        if (op.equals("add service principal credentials")) {
            kind = "azure-service-principal-credential";
            what = "service principal credential";
        } else if (op.equals("update application - certificates and secrets management")) {
            kind = "azure-application-credential";
            what = "application secret or certificate";
        } else {
            return null;
        }
        String target = e.resource("app");
        if (target == null) {
            target = e.param("targetResources.0.displayName");
        }
        String targetId = e.param("targetResources.0.id");
        boolean self = targetId != null && targetId.equalsIgnoreCase(e.principal);
        return new CredentialAction(kind, what, target, self);
    }

    /** Entra writes an en dash and, in some exports, a trailing space: compare words, not bytes. */
    static String normalize(String action) {
        return action.replace('\u2013', '-').replace('\u2014', '-').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
