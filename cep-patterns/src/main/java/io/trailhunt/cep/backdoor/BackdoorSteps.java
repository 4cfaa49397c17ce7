package io.trailhunt.cep.backdoor;

import io.trailhunt.cep.Globs;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an identity-management call is in a backdoor story, as functions of the event alone:
 * creating an identity, giving it credentials, giving it power; and which identity it acts on.
 * Identities are written with their kind, lower-cased: {@code user:tracy_stone},
 * {@code role:ops-break-glass}, {@code serviceaccount:x@p.iam.gserviceaccount.com}, {@code app:...}.
 */
public final class BackdoorSteps implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** A new identity that still needs credentials and power. */
        CREATE,
        /** A new identity usable from the start: an AWS role trusting an outside account, an Entra user made with a password. */
        CREATE_READY,
        CREDENTIAL,
        POWER
    }

    private static final Set<String> AWS_CALLS = Set.of("CreateUser", "CreateRole", "CreateAccessKey", "CreateLoginProfile",
            "AttachUserPolicy", "PutUserPolicy", "AddUserToGroup", "AttachRolePolicy", "PutRolePolicy");
    private static final String GCP_CREATE = "google.iam.admin.v1.CreateServiceAccount";
    private static final String GCP_KEY = "google.iam.admin.v1.CreateServiceAccountKey";
    private static final String ENTRA_ADD_USER = "add user";
    private static final Set<String> ENTRA_CREATES = Set.of("add service principal", "add application");
    private static final Set<String> ENTRA_CREDENTIALS = Set.of("add service principal credentials",
            "update application - certificates and secrets management", "update application – certificates and secrets management");
    private static final String ENTRA_ADD_ROLE_MEMBER = "add member to role";

    private final BackdoorSettings settings;
    private final Globs adminPolicies;
    private final Globs adminGroups;
    private final Globs adminRoles;
    private final Globs entraAdminRoles;

    public BackdoorSteps(BackdoorSettings settings) {
        this.settings = settings;
        this.adminPolicies = new Globs(settings.adminPolicies());
        this.adminGroups = new Globs(settings.adminGroups());
        this.adminRoles = new Globs(settings.adminRoles());
        this.entraAdminRoles = new Globs(settings.entraAdminRoles());
    }

    /** The step a successful call is, or null. Cheap for the calls that are none (a set lookup). */
    public Kind kind(AuditEvent e) {
        if (e.action == null || e.cloud == null) {
            return null;
        }
        switch (e.cloud) {
            case AWS:
                return AWS_CALLS.contains(e.action) ? aws(e) : null;
            case GCP:
                return gcp(e);
            default:
                return azure(e);
        }
    }

    private Kind aws(AuditEvent e) {
        switch (e.action) {
            case "CreateUser":
                return Kind.CREATE;
            case "CreateRole":
                return trustedOutside(e).isEmpty() ? null : Kind.CREATE_READY;
            case "CreateAccessKey":
            case "CreateLoginProfile":
                return Kind.CREDENTIAL;
            default:
                return power(e) == null ? null : Kind.POWER;
        }
    }

    private Kind gcp(AuditEvent e) {
        if (GCP_CREATE.equals(e.action)) {
            return Kind.CREATE;
        }
        if (GCP_KEY.equals(e.action)) {
            return Kind.CREDENTIAL;
        }
        return e.action.toLowerCase(Locale.ROOT).endsWith("setiampolicy") && !gcpAdminMembers(e).isEmpty() ? Kind.POWER : null;
    }

    private Kind azure(AuditEvent e) {
        String op = e.action.toLowerCase(Locale.ROOT).trim();
        if (ENTRA_CREATES.contains(op)) {
            return Kind.CREATE;
        }
        if (ENTRA_ADD_USER.equals(op)) {
            return Kind.CREATE_READY;
        }
        if (ENTRA_CREDENTIALS.contains(op)) {
            return Kind.CREDENTIAL;
        }
        return ENTRA_ADD_ROLE_MEMBER.equals(op) && entraAdminRoles.matches(entraRole(e)) ? Kind.POWER : null;
    }

    /** The request parameters grants and trusts are read from. */
    public static boolean isGrantParam(String key) {
        return key.equals("policyDocument") || key.equals("policyName") || key.equals("assumeRolePolicyDocument")
                || key.startsWith("serviceData.policyDelta.bindingDeltas.") || key.startsWith("targetResources.0.");
    }

    /** The identity a create or credential call acts on (for power calls see {@link #empowers}). */
    public String identity(AuditEvent e) {
        switch (e.cloud) {
            case AWS:
                String role = e.resource("roleName");
                return role != null ? named("role", role) : named("user", e.resource("userName"));
            case GCP:
                return named("serviceaccount", e.resource("serviceAccount"));
            default:
                String user = e.resource("targetUser");
                return user != null ? named("user", user) : named("app", e.resource("app"));
        }
    }

    /** Does this power call make {@code identity} an administrator? */
    public boolean empowers(AuditEvent e, String identity) {
        if (identity == null) {
            return false;
        }
        if (e.cloud == Cloud.GCP) {
            for (String member : gcpAdminMembers(e)) {
                if (member.toLowerCase(Locale.ROOT).equals(identity)) {
                    return true;
                }
            }
            return false;
        }
        return identity.equals(identity(e));
    }

    /**
     * Does this credential call give {@code identity} credentials? GCP key requests sometimes name
     * the account by its numeric id, which the creation does not log: such a key is taken as the
     * new account's (same principal, within the window).
     */
    public boolean credits(AuditEvent e, String identity) {
        String target = identity(e);
        if (target == null || identity == null) {
            return false;
        }
        if (target.equals(identity)) {
            return true;
        }
        return e.cloud == Cloud.GCP && target.indexOf('@') < 0 && identity.startsWith("serviceaccount:");
    }

    /** What the power call grants, for the finding: a policy, a group, a role; null when it grants no administration. */
    public String power(AuditEvent e) {
        switch (e.cloud) {
            case AWS:
                switch (e.action) {
                    case "AttachUserPolicy":
                    case "AttachRolePolicy":
                        String arn = e.resource("policyArn");
                        String name = arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
                        return adminPolicies.matches(name) ? arn : null;
                    case "PutUserPolicy":
                    case "PutRolePolicy":
                        return PolicyDocuments.allowsEverything(e.param("policyDocument"))
                                ? "inline policy " + e.param("policyName") + " allowing every action" : null;
                    case "AddUserToGroup":
                        String group = e.resource("groupName");
                        return adminGroups.matches(group) ? "group " + group : null;
                    default:
                        return null;
                }
            case GCP:
                List<String> roles = new ArrayList<>();
                for (Map.Entry<String, String> p : e.params.entrySet()) {
                    if (p.getKey().startsWith("serviceData.policyDelta.bindingDeltas.") && p.getKey().endsWith(".role")
                            && adminRoles.matches(p.getValue()) && !roles.contains(p.getValue())) {
                        roles.add(p.getValue());
                    }
                }
                return roles.isEmpty() ? null : String.join(",", roles);
            default:
                String role = entraRole(e);
                return entraAdminRoles.matches(role) ? "directory role " + role : null;
        }
    }

    /** Does the grant give everything (AdministratorAccess, a "*" policy, roles/owner, Global Administrator)? */
    public static boolean isFullAdmin(String power) {
        return power != null && (power.endsWith("/AdministratorAccess") || power.contains("allowing every action")
                || power.contains("roles/owner") || power.endsWith("Global Administrator"));
    }

    /** Members ("serviceAccount:x@...", "user:...") added with an administrative role. */
    List<String> gcpAdminMembers(AuditEvent e) {
        List<String> out = new ArrayList<>();
        String prefix = "serviceData.policyDelta.bindingDeltas.";
        for (Map.Entry<String, String> p : e.params.entrySet()) {
            String k = p.getKey();
            if (k.startsWith(prefix) && k.endsWith(".role") && adminRoles.matches(p.getValue())) {
                String i = k.substring(prefix.length(), k.length() - ".role".length());
                if ("ADD".equalsIgnoreCase(e.param(prefix + i + ".action")) && e.param(prefix + i + ".member") != null) {
                    out.add(e.param(prefix + i + ".member"));
                }
            }
        }
        return out;
    }

    /** The AWS principals a CreateRole's trust policy admits from outside the organisation. */
    List<String> trustedOutside(AuditEvent e) {
        return PolicyDocuments.trustedOutside(e.param("assumeRolePolicyDocument"), e.account, settings.ownAccounts());
    }

    /** The directory role of an Entra "Add member to role": the Role target, or the Role.DisplayName change. */
    static String entraRole(AuditEvent e) {
        if ("Role".equalsIgnoreCase(e.param("targetResources.0.type"))) {
            return e.param("targetResources.0.displayName");
        }
        String prefix = "targetResources.0.modifiedProperties.";
        for (Map.Entry<String, String> p : e.params.entrySet()) {
            if (p.getKey().startsWith(prefix) && p.getKey().endsWith(".displayName") && "Role.DisplayName".equals(p.getValue())) {
                String i = p.getKey().substring(prefix.length(), p.getKey().length() - ".displayName".length());
                String v = e.param(prefix + i + ".newValue");
                return v == null ? null : v.replace("\"", "").trim();
            }
        }
        return null;
    }

    private static String named(String kind, String name) {
        return name == null ? null : kind + ":" + name.toLowerCase(Locale.ROOT);
    }
}
