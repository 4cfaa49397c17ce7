package io.trailhunt.cep.backdoor;

import io.trailhunt.cep.RuleHarness;
import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.testing.EventBuilder;
import io.trailhunt.cep.Allowlists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.trailhunt.cep.backdoor.BackdoorEvents.ADMIN;
import static io.trailhunt.cep.backdoor.BackdoorEvents.OTHER;
import static io.trailhunt.cep.backdoor.BackdoorEvents.accessKey;
import static io.trailhunt.cep.backdoor.BackdoorEvents.attach;
import static io.trailhunt.cep.backdoor.BackdoorEvents.attachRole;
import static io.trailhunt.cep.backdoor.BackdoorEvents.by;
import static io.trailhunt.cep.backdoor.BackdoorEvents.createUser;
import static io.trailhunt.cep.backdoor.BackdoorEvents.failed;
import static io.trailhunt.cep.backdoor.BackdoorEvents.iam;
import static io.trailhunt.cep.backdoor.BackdoorEvents.loginProfile;
import static io.trailhunt.cep.backdoor.BackdoorEvents.minutes;
import static io.trailhunt.cep.backdoor.BackdoorEvents.outsideRole;
import static org.assertj.core.api.Assertions.assertThat;

class IamBackdoorChainTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();

    private static List<SequencePattern> rule() {
        return IamBackdoorChain.patterns(BackdoorSettings.defaults());
    }

    private static List<Finding> replay(AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(rule())) {
            return h.replay(BOUND, events);
        }
    }

    private static List<String> ids(Finding f) {
        return f.evidence.stream().map(e -> e.eventId).toList();
    }

    @Test
    void aNewUserWithAKeyAndAdministratorAccessIsOneCriticalFinding() throws Exception {
        AuditEvent c = createUser("backdoor", 0);
        AuditEvent k = accessKey("backdoor", 2);
        AuditEvent p = attach("backdoor", "AdministratorAccess", 3);
        List<Finding> out = replay(c, k, p);

        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.ruleId).isEqualTo("iam-backdoor-chain");
        assertThat(f.principal).isEqualTo(ADMIN);
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(f.title).isEqualTo("New user given credentials and administrative power");
        assertThat(f.subject).isEqualTo("user:backdoor");
        assertThat(f.mitre).containsExactly("T1136.003", "T1098");
        assertThat(ids(f)).containsExactly(c.eventId, k.eventId, p.eventId);
        assertThat(f.facts).containsEntry("identity", "user:backdoor").containsEntry("credentials", "CreateAccessKey")
                .containsEntry("power", "arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(f.explanation).isEqualTo(ADMIN + " created user 'backdoor' (CreateUser) at 2026-11-02T09:00:00Z, gave it credentials"
                + " (CreateAccessKey) at 2026-11-02T09:02:00Z and made it an administrator (AttachUserPolicy:"
                + " arn:aws:iam::aws:policy/AdministratorAccess) at 2026-11-02T09:03:00Z from 81.2.69.142. An identity made and"
                + " empowered in one go is how an intruder keeps a way back in: confirm it was requested, otherwise delete it and"
                + " its credentials and investigate " + ADMIN + ".");
    }

    @Test
    void powerBeforeCredentialsIsTheSameStory() throws Exception {
        AuditEvent c = createUser("backdoor", 0);
        AuditEvent p = attach("backdoor", "IAMFullAccess", 1);
        AuditEvent l = loginProfile("backdoor", 5);
        List<Finding> out = replay(c, p, l);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH); // IAMFullAccess: not everything, but enough to take it
        assertThat(ids(out.get(0))).containsExactly(c.eventId, p.eventId, l.eventId);
    }

    @Test
    void otherIdentityWorkBetweenTheStepsDoesNotBreakTheChain() throws Exception {
        AuditEvent c = createUser("backdoor", 0);
        AuditEvent k = accessKey("backdoor", 2);
        AuditEvent p = attach("backdoor", "AdministratorAccess", 9);
        List<Finding> out = replay(c, createUser("intern", 1), k, accessKey("backdoor", 3) /* a second key */, accessKey("intern", 4),
                attach("intern", "ReadOnlyAccess", 5), attach("backdoor", "ReadOnlyAccess", 6), iam("ListUsers", 7).build(), p);
        assertThat(out).as(out.toString()).hasSize(1);
        assertThat(ids(out.get(0))).containsExactly(c.eventId, k.eventId, p.eventId);
    }

    @Test
    void twoCreatorsInterleavedAreTwoStories() throws Exception {
        List<Finding> out = replay(createUser("a", 0), by(OTHER, createUser("b", 1)), accessKey("a", 2), by(OTHER, accessKey("b", 3)),
                by(OTHER, attach("b", "AdministratorAccess", 4)), attach("a", "AdministratorAccess", 5));
        assertThat(out).extracting(f -> f.subject).containsExactlyInAnyOrder("user:a", "user:b");
        assertThat(out).extracting(f -> f.principal).containsExactlyInAnyOrder(ADMIN, OTHER);
    }

    @Test
    void arrivalOutOfOrderWithinTheBoundFindsTheSame() throws Exception {
        AuditEvent c = createUser("backdoor", 0);
        AuditEvent k = accessKey("backdoor", 2);
        AuditEvent p = attach("backdoor", "AdministratorAccess", 3);
        assertThat(replay(p, k, c)).hasSize(1).isEqualTo(replay(c, k, p));
    }

    @Test
    void stepsOfOneSecondInAnyOrderAreTheStory() throws Exception {
        // stratus iam-create-admin-user: AttachUserPolicy, CreateAccessKey, CreateUser, all at 13:33:28
        AuditEvent p = attach("malicious-iam-user", "AdministratorAccess", 0);
        AuditEvent k = accessKey("malicious-iam-user", 0);
        AuditEvent c = createUser("malicious-iam-user", 0);
        List<Finding> out = replay(p, k, c);
        assertThat(out).hasSize(1);
        assertThat(ids(out.get(0))).containsExactlyInAnyOrder(c.eventId, k.eventId, p.eventId);
    }

    @Test
    void aStepByAnotherPrincipalIsNotPartOfTheStory() throws Exception {
        assertThat(replay(createUser("backdoor", 0), accessKey("backdoor", 1), by(OTHER, attach("backdoor", "AdministratorAccess", 2)))).isEmpty();
    }

    @Test
    void aFailedOrHarmlessStepDoesNotAdvanceTheStory() throws Exception {
        assertThat(replay(createUser("backdoor", 0), accessKey("backdoor", 1), failed(attach("backdoor", "AdministratorAccess", 2)))).isEmpty();
        assertThat(replay(createUser("backdoor", 0), accessKey("backdoor", 1), attach("backdoor", "ReadOnlyAccess", 2))).isEmpty();
        assertThat(replay(failed(createUser("backdoor", 0)), accessKey("backdoor", 1), attach("backdoor", "AdministratorAccess", 2))).isEmpty();
    }

    @Test
    void pastTheWindowThereIsNoStory() throws Exception {
        assertThat(replay(createUser("backdoor", 0), accessKey("backdoor", 30), attach("backdoor", "AdministratorAccess", 61))).isEmpty();
    }

    @Test
    void inlinePoliciesAndAdminGroupsArePowerToo() throws Exception {
        AuditEvent put = iam("PutUserPolicy", 2).resource("userName", "b").param("userName", "b").param("policyName", "x")
                .param("policyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}").build();
        List<Finding> out = replay(createUser("b", 0), accessKey("b", 1), put);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).facts).containsEntry("power", "inline policy x allowing every action");

        AuditEvent group = iam("AddUserToGroup", 2).resource("userName", "c").resource("groupName", "Admins").build();
        assertThat(replay(createUser("c", 0), loginProfile("c", 1), group)).extracting(f -> f.facts.get("power")).containsExactly("group Admins");
    }

    @Test
    void aRoleTrustingAnOutsideAccountNeedsOnlyPower() throws Exception {
        // stratus iam-create-backdoor-role
        AuditEvent role = outsideRole("malicious", 0);
        AuditEvent attach = attachRole("malicious", 0);
        List<Finding> out = replay(attach, role);
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.title).isEqualTo("New role given administrative power");
        assertThat(f.subject).isEqualTo("role:malicious");
        assertThat(f.facts).containsEntry("credentials", "trusting arn:aws:iam::193672423079:root to assume it");
        assertThat(ids(f)).containsExactly(role.eventId, attach.eventId);

        // trusting only the organisation is no backdoor
        BackdoorSettings own = new BackdoorSettings(true, Duration.ofHours(1), BackdoorSettings.DEFAULT_ADMIN_POLICIES,
                BackdoorSettings.DEFAULT_ADMIN_GROUPS, BackdoorSettings.DEFAULT_ADMIN_ROLES, BackdoorSettings.DEFAULT_ENTRA_ADMIN_ROLES,
                Set.of("193672423079"), Allowlist.none());
        try (RuleHarness h = RuleHarness.of(IamBackdoorChain.patterns(own))) {
            assertThat(h.replay(BOUND, role, attach)).isEmpty();
        }
    }

    @Test
    void aGcpServiceAccountWithAKeyAndOwnerIsTheStory() throws Exception {
        String sa = "backdoor@acme-prod.iam.gserviceaccount.com";
        AuditEvent c = EventBuilder.gcp("iam.googleapis.com", "google.iam.admin.v1.CreateServiceAccount").after(Duration.ofMinutes(0))
                .resource("serviceAccount", sa).build();
        AuditEvent k = EventBuilder.gcp("iam.googleapis.com", "google.iam.admin.v1.CreateServiceAccountKey").after(Duration.ofMinutes(1))
                .resource("serviceAccount", "104955374817228946151").build(); // named by its numeric id
        AuditEvent p = EventBuilder.gcp("cloudresourcemanager.googleapis.com", "SetIamPolicy").after(Duration.ofMinutes(2))
                .param("serviceData.policyDelta.bindingDeltas.0.action", "ADD")
                .param("serviceData.policyDelta.bindingDeltas.0.role", "roles/owner")
                .param("serviceData.policyDelta.bindingDeltas.0.member", "serviceAccount:" + sa).build();
        List<Finding> out = replay(c, k, p);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).title).isEqualTo("New service account given credentials and administrative power");
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).facts).containsEntry("power", "roles/owner");

        AuditEvent viewer = EventBuilder.gcp("cloudresourcemanager.googleapis.com", "SetIamPolicy").after(Duration.ofMinutes(2))
                .param("serviceData.policyDelta.bindingDeltas.0.action", "ADD")
                .param("serviceData.policyDelta.bindingDeltas.0.role", "roles/viewer")
                .param("serviceData.policyDelta.bindingDeltas.0.member", "serviceAccount:" + sa).build();
        assertThat(replay(c, k, viewer)).isEmpty();
    }

    @Test
    void anEntraServicePrincipalAndAnEntraUserAreTheStoryToo() throws Exception {
        AuditEvent sp = EventBuilder.azure("Microsoft.aadiam", "Add service principal").after(Duration.ofMinutes(0))
                .resource("app", "New Automation Service").build();
        AuditEvent secret = EventBuilder.azure("Microsoft.aadiam", "Add service principal credentials").after(Duration.ofMinutes(1))
                .resource("app", "New Automation Service").build();
        AuditEvent role = EventBuilder.azure("Microsoft.aadiam", "Add member to role").after(Duration.ofMinutes(2))
                .resource("app", "New Automation Service").param("targetResources.0.type", "Role")
                .param("targetResources.0.displayName", "Application Administrator").build();
        assertThat(replay(sp, secret, role)).extracting(f -> f.title).containsExactly("New application given credentials and administrative power");

        AuditEvent user = EventBuilder.azure("Microsoft.aadiam", "Add user").after(Duration.ofMinutes(0)).resource("targetUser", "eve@acme.example").build();
        AuditEvent global = EventBuilder.azure("Microsoft.aadiam", "Add member to role").after(Duration.ofMinutes(3))
                .resource("targetUser", "eve@acme.example")
                .param("targetResources.0.modifiedProperties.0.displayName", "Role.DisplayName")
                .param("targetResources.0.modifiedProperties.0.newValue", "\"Global Administrator\"").build();
        List<Finding> out = replay(user, global);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).title).isEqualTo("New user given administrative power");
        assertThat(out.get(0).facts).containsEntry("power", "directory role Global Administrator").containsEntry("credentials", "with a password");
    }

    @Test
    void allowedPrincipalsNetworksAndAsnsCreateNoBackdoor() throws Exception {
        Allowlists.assertEachKindOfEntryTellsNothing(IamBackdoorChain.RULE_ID, IamBackdoorChain::patterns, BOUND,
                "arn:aws:iam::*:user/alice", "81.2.69.0/24",
                createUser("backdoor", 0), accessKey("backdoor", 2), attach("backdoor", "AdministratorAccess", 3));
        // the two-step pattern (a role trusting an outside account) honours them too
        List<Finding> role = Allowlists.assertEachKindOfEntryTellsNothing(IamBackdoorChain.RULE_ID, IamBackdoorChain::patterns, BOUND,
                "arn:aws:iam::*:user/alice", "81.2.69.0/24", outsideRole("malicious", 0), attachRole("malicious", 1));
        assertThat(role).extracting(f -> f.title).containsExactly("New role given administrative power");
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aReadyIdentitySplitByASavepointIsFound(String backend) throws Exception {
        AuditEvent role = outsideRole("malicious", 0);
        AuditEvent attach = attachRole("malicious", 20);
        AuditEvent user = EventBuilder.azure("Microsoft.aadiam", "Add user").after(Duration.ofMinutes(1))
                .resource("targetUser", "eve@acme.example").build();
        AuditEvent global = EventBuilder.azure("Microsoft.aadiam", "Add member to role").after(Duration.ofMinutes(25))
                .resource("targetUser", "eve@acme.example")
                .param("targetResources.0.modifiedProperties.0.displayName", "Role.DisplayName")
                .param("targetResources.0.modifiedProperties.0.newValue", "\"Global Administrator\"").build();
        List<Finding> whole = replay(role, user, attach, global);
        assertThat(whole).extracting(f -> f.subject).containsExactlyInAnyOrder("role:malicious", "user:eve@acme.example");

        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(role, user).watermark(minutes(10));
            assertThat(before.findings()).isEmpty();
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(attach, global).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aChainSplitByASavepointIsFound(String backend) throws Exception {
        AuditEvent c = createUser("backdoor", 0);
        AuditEvent k = accessKey("backdoor", 2);
        AuditEvent p = attach("backdoor", "AdministratorAccess", 3);
        List<Finding> whole = replay(c, k, p);
        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(c, k).watermark(minutes(2));
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(p).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).hasSize(1).isEqualTo(whole);
        }
    }
}
