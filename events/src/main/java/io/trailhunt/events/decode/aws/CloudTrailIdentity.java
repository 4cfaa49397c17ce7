package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;

/**
 * Who made a CloudTrail call: {@code userIdentity} to a canonical principal, its normalized type
 * and, for role sessions, the role. Only what the record says is used; where a field a type
 * normally has is missing (partial records), the next identifying field of the record is taken,
 * and {@code unknown} when it has none. An ARN the record leaves out but whose parts it gives
 * (failed console sign-ins name an IAM user by account and name only) is built, in the partition
 * of the record's region, so the user's failures and successes have one principal.
 */
final class CloudTrailIdentity {
    static final String UNKNOWN_PRINCIPAL = "unknown";
    static final String ANONYMOUS_PRINCIPAL = "anonymous";
    /** What CloudTrail writes in accountId (or principalId) for unauthenticated S3 requests. */
    static final String AWS_ANONYMOUS = "ANONYMOUS_PRINCIPAL";

    private CloudTrailIdentity() {}

    /** Sets principal, principalType, principalTypeRaw and roleArn of {@code e}; {@code region} is the record's awsRegion. */
    static void apply(JsonNode ui, String region, AuditEvent e) {
        if (ui == null) {
            // Some service events and Insight events carry no userIdentity: keep them, attributed to nobody.
            e.principal = UNKNOWN_PRINCIPAL;
            e.principalType = PrincipalType.UNKNOWN;
            return;
        }
        String type = Json.text(ui, "type");
        e.principalTypeRaw = type;
        if (type == null) {
            untyped(ui, e);
            return;
        }
        switch (type) {
            case "IAMUser":
                iamUser(ui, region, e);
                break;
            case "Root":
                set(e, PrincipalType.ROOT, rootPrincipal(ui, region), ui);
                break;
            case "AssumedRole":
                set(e, PrincipalType.ASSUMED_ROLE, roleSessionPrincipal(ui), ui);
                e.roleArn = Json.text(ui, "sessionContext", "sessionIssuer", "arn");
                break;
            case "FederatedUser":
                set(e, PrincipalType.FEDERATED_USER, Json.firstText(ui, "arn", "principalId", "userName"), ui);
                break;
            case "SAMLUser":
            case "WebIdentityUser":
                set(e, PrincipalType.FEDERATED_USER, Json.firstText(ui, "userName", "principalId", "arn"), ui);
                break;
            case "AWSService":
                set(e, PrincipalType.CLOUD_SERVICE, Json.firstText(ui, "invokedBy", "principalId"), ui);
                break;
            case "AWSAccount":
                awsAccount(ui, region, e);
                break;
            case "IdentityCenterUser":
            case "Directory":
                set(e, PrincipalType.USER, Json.firstText(ui, "arn", "userName", "principalId"), ui);
                break;
            default: // "Unknown" and types AWS adds later
                set(e, PrincipalType.UNKNOWN, Json.firstText(ui, "arn", "userName", "principalId"), ui);
                break;
        }
    }

    /**
     * An IAM user by its ARN; a failed console sign-in carries none, only the account and the user
     * name, from which the ARN is built. A sign-in for a name the account does not have names no
     * user at all: CloudTrail hides what was typed, so every such failure in an account reads the
     * same, and it is kept as that placeholder, of unknown type, rather than as a user.
     */
    private static void iamUser(JsonNode ui, String region, AuditEvent e) {
        String arn = Json.text(ui, "arn");
        String name = Json.text(ui, "userName");
        String account = Json.text(ui, "accountId");
        if (arn == null && AwsArns.HIDDEN_USER_NAME.equals(name)) {
            set(e, PrincipalType.UNKNOWN, name, ui);
        } else if (arn == null && name != null && account != null) {
            set(e, PrincipalType.USER, AwsArns.iamUser(AwsArns.partition(region), account, name), ui);
        } else {
            set(e, PrincipalType.USER, Json.firstText(ui, "arn", "userName", "principalId"), ui);
        }
    }

    /** The account root user's ARN; built from the account id when a partial record has no arn. */
    private static String rootPrincipal(JsonNode ui, String region) {
        String arn = Json.text(ui, "arn");
        if (arn != null) {
            return arn;
        }
        String account = Json.text(ui, "accountId");
        if (account != null) {
            return AwsArns.root(AwsArns.partition(region), account);
        }
        return Json.firstText(ui, "userName", "principalId");
    }

    /**
     * A role session is known by its source identity when one was set (it names the human behind
     * the session and survives role chaining), else by its session ARN.
     */
    private static String roleSessionPrincipal(JsonNode ui) {
        String source = Json.text(ui, "sourceIdentity");
        if (source == null) {
            source = Json.text(ui, "sessionContext", "sourceIdentity");
        }
        return source != null ? source : Json.firstText(ui, "arn", "principalId", "userName");
    }

    private static void awsAccount(JsonNode ui, String region, AuditEvent e) {
        String account = Json.text(ui, "accountId");
        String principalId = Json.text(ui, "principalId");
        if (AWS_ANONYMOUS.equals(account) || AWS_ANONYMOUS.equals(principalId)) {
            e.principal = ANONYMOUS_PRINCIPAL;
            e.principalType = PrincipalType.ANONYMOUS;
            return;
        }
        String principal;
        if (account != null && principalId != null) {
            principal = account + ":" + principalId;
        } else if (account != null) {
            principal = AwsArns.root(AwsArns.partition(region), account);
        } else {
            principal = principalId;
        }
        set(e, PrincipalType.EXTERNAL_ACCOUNT, principal, ui);
    }

    /** No type: service events name the service in invokedBy; anything else is of unknown kind. */
    private static void untyped(JsonNode ui, AuditEvent e) {
        String arn = Json.text(ui, "arn");
        String invokedBy = Json.text(ui, "invokedBy");
        if (arn == null && invokedBy != null) {
            e.principal = invokedBy;
            e.principalType = PrincipalType.CLOUD_SERVICE;
            return;
        }
        set(e, PrincipalType.UNKNOWN, Json.firstText(ui, "arn", "userName", "principalId"), ui);
    }

    private static void set(AuditEvent e, PrincipalType type, String principal, JsonNode ui) {
        e.principalType = type;
        e.principal = principal != null ? principal : fallback(ui);
    }

    /** Identity Center users carry only the identity-store user id (onBehalfOf.userId). */
    private static String fallback(JsonNode ui) {
        String userId = Json.text(ui, "onBehalfOf", "userId");
        return userId != null ? userId : UNKNOWN_PRINCIPAL;
    }
}
