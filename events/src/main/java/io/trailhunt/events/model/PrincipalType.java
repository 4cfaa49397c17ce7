package io.trailhunt.events.model;

/**
 * What kind of identity made the call, normalized across clouds so rules can say "root" or
 * "service" without knowing each cloud's vocabulary. The cloud's own word stays in
 * {@link AuditEvent#principalTypeRaw}.
 */
public enum PrincipalType {
    /** AWS account root user. */
    ROOT,
    /** A human or long-lived user identity: IAM user, Google account, Entra user. */
    USER,
    /** An AWS role session (the role ARN is kept in {@link AuditEvent#roleArn}). */
    ASSUMED_ROLE,
    /** AWS GetFederationToken sessions, SAML and web-identity users. */
    FEDERATED_USER,
    /** GCP service account, Entra service principal or managed identity, application. */
    SERVICE_ACCOUNT,
    /** A cloud provider's own service acting on the customer's behalf. */
    CLOUD_SERVICE,
    /** Another AWS account (cross-account call). */
    EXTERNAL_ACCOUNT,
    /** Unauthenticated callers (public buckets, allUsers). */
    ANONYMOUS,
    UNKNOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
