package io.trailhunt.cep.backdoor;

import io.trailhunt.cep.snapshot.SnapshotSettings;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of {@code rules.iam-backdoor-chain}.
 *
 * @param window from the creation of the identity to its last grant
 * @param adminPolicies AWS managed or customer policy names (with {@code *} wildcards) that make an identity an administrator
 * @param adminGroups AWS IAM group names (with wildcards) whose members are administrators
 * @param adminRoles GCP roles that make a member an administrator
 * @param entraAdminRoles Entra ID directory roles that make a member an administrator
 * @param ownAccounts the organisation's AWS account ids: a role trusting only them is no backdoor
 * @param allow principals, CIDRs and ASNs whose identity creation is expected (provisioning pipelines)
 */
public record BackdoorSettings(boolean enabled, Duration window, List<String> adminPolicies, List<String> adminGroups,
        List<String> adminRoles, List<String> entraAdminRoles, Set<String> ownAccounts, Allowlist allow) implements Serializable {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final List<String> DEFAULT_ADMIN_POLICIES = List.of("AdministratorAccess", "IAMFullAccess", "PowerUserAccess");
    public static final List<String> DEFAULT_ADMIN_GROUPS = List.of("*admin*");
    public static final List<String> DEFAULT_ADMIN_ROLES = List.of("roles/owner", "roles/editor");
    public static final List<String> DEFAULT_ENTRA_ADMIN_ROLES = List.of("Global Administrator", "Privileged Role Administrator",
            "Privileged Authentication Administrator", "Application Administrator", "Cloud Application Administrator");

    public static BackdoorSettings defaults() {
        return new BackdoorSettings(true, DEFAULT_WINDOW, DEFAULT_ADMIN_POLICIES, DEFAULT_ADMIN_GROUPS, DEFAULT_ADMIN_ROLES,
                DEFAULT_ENTRA_ADMIN_ROLES, Set.of(), Allowlist.none());
    }

    public static BackdoorSettings from(Section s) {
        return new BackdoorSettings(
                s.bool("enabled", true),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(1), Duration.ofDays(7)),
                listOr(s, "admin-policies", DEFAULT_ADMIN_POLICIES),
                listOr(s, "admin-groups", DEFAULT_ADMIN_GROUPS),
                listOr(s, "admin-roles", DEFAULT_ADMIN_ROLES),
                listOr(s, "entra-admin-roles", DEFAULT_ENTRA_ADMIN_ROLES),
                SnapshotSettings.accounts(s.key("own-accounts"), s.strings("own-accounts")),
                Allowlist.from(s.section("allow")));
    }

    private static List<String> listOr(Section s, String key, List<String> defaults) {
        return s.has(key) ? List.copyOf(s.strings(key)) : defaults;
    }
}
