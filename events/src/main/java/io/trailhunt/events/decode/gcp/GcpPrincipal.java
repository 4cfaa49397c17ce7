package io.trailhunt.events.decode.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.PrincipalType;

/** Who made a GCP call, from the AuditLog's {@code authenticationInfo}. */
final class GcpPrincipal {
    static final String ANONYMOUS = "anonymous";
    /** GKE's name for unauthenticated Kubernetes API requests. */
    private static final String K8S_ANONYMOUS = "system:anonymous";
    private static final String K8S_SERVICE_ACCOUNT = "system:serviceaccount:";

    private GcpPrincipal() {}

    /**
     * Sets principal, principalType and principalTypeRaw, and the delegation params. Call after
     * the outcome and category are set: an entry that names nobody is read in their light.
     *
     * <p>No authenticationInfo at all leaves the principal unknown (partial records).
     */
    static void apply(JsonNode auth, String serviceName, AuditEvent e) {
        if (auth == null || !auth.isObject()) {
            e.principalType = PrincipalType.UNKNOWN;
            return;
        }
        String email = Json.text(auth, "principalEmail");
        String subject = Json.text(auth, "principalSubject");
        JsonNode delegation = Json.array(auth, "serviceAccountDelegationInfo");
        if (email != null) {
            byEmail(email, e);
        } else if (subject != null) {
            bySubject(subject, e);
        } else if (delegation == null) {
            nobody(Json.text(auth, "authoritySelector"), serviceName, e);
        } else {
            e.principalType = PrincipalType.UNKNOWN;
        }
        // The first delegation entry is the original caller that impersonated the service account.
        String delegatedBy = delegation == null || delegation.isEmpty() ? null
                : Json.text(delegation.get(0), "firstPartyPrincipal", "principalEmail");
        put(e, "delegatedBy", delegatedBy);
        put(e, "serviceAccountKeyName", Json.text(auth, "serviceAccountKeyName"));
    }

    /**
     * An authenticationInfo that names nobody means different things (Google's "Caller identities
     * in audit logs"): an unauthenticated caller; a caller whose email Google redacted because a
     * read was denied; or Google itself (system events, service-internal work). Only the first is
     * anonymous: data access without credentials, or an explicit UNAUTHENTICATED or
     * system:anonymous. Denied calls stay unknown; the rest are the service acting.
     */
    private static void nobody(String authoritySelector, String serviceName, AuditEvent e) {
        if (K8S_ANONYMOUS.equals(authoritySelector) || "UNAUTHENTICATED".equals(e.errorCode)) {
            anonymous(e);
        } else if ("PERMISSION_DENIED".equals(e.errorCode)) {
            set(e, PrincipalType.UNKNOWN, "redacted");
        } else if (e.category == Category.DATA) {
            anonymous(e);
        } else {
            e.principal = serviceName;
            set(e, PrincipalType.CLOUD_SERVICE, "system");
        }
    }

    private static void byEmail(String email, AuditEvent e) {
        if (K8S_ANONYMOUS.equals(email)) {
            anonymous(e);
            return;
        }
        e.principal = email;
        if (email.endsWith(".gserviceaccount.com") || email.startsWith(K8S_SERVICE_ACCOUNT)) {
            set(e, PrincipalType.SERVICE_ACCOUNT, "serviceAccount");
        } else if (email.startsWith("system:")) {
            // GKE control-plane components (system:kube-scheduler, system:node:...): Google acting.
            set(e, PrincipalType.CLOUD_SERVICE, "system");
        } else {
            set(e, PrincipalType.USER, "user");
        }
    }

    /** principalSubject is set instead of the email for federated and some service-account callers. */
    private static void bySubject(String subject, AuditEvent e) {
        if (subject.startsWith("serviceAccount:")) {
            e.principal = subject.substring("serviceAccount:".length());
            set(e, PrincipalType.SERVICE_ACCOUNT, "serviceAccount");
        } else if (subject.startsWith("user:")) {
            e.principal = subject.substring("user:".length());
            set(e, PrincipalType.USER, "user");
        } else if (subject.startsWith("principal://") || subject.startsWith("principalSet://")) {
            e.principal = subject;
            set(e, PrincipalType.FEDERATED_USER, "federated");
        } else {
            e.principal = subject;
            set(e, PrincipalType.UNKNOWN, "principalSubject");
        }
    }

    private static void anonymous(AuditEvent e) {
        e.principal = ANONYMOUS;
        set(e, PrincipalType.ANONYMOUS, "anonymous");
    }

    private static void set(AuditEvent e, PrincipalType type, String raw) {
        e.principalType = type;
        e.principalTypeRaw = raw;
    }

    private static void put(AuditEvent e, String key, String value) {
        if (value != null) {
            e.params.put(key, value);
        }
    }
}
