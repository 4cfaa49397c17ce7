package io.trailhunt.cep.signin;

import io.trailhunt.cep.RuleHarness;
import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.cep.Allowlists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.trailhunt.cep.signin.SignInEvents.ATTACKER;
import static io.trailhunt.cep.signin.SignInEvents.FRANK;
import static io.trailhunt.cep.signin.SignInEvents.GRACE;
import static io.trailhunt.cep.signin.SignInEvents.OFFICE;
import static io.trailhunt.cep.signin.SignInEvents.console;
import static io.trailhunt.cep.signin.SignInEvents.fail;
import static io.trailhunt.cep.signin.SignInEvents.interrupt;
import static io.trailhunt.cep.signin.SignInEvents.ok;
import static io.trailhunt.cep.signin.SignInEvents.seconds;
import static org.assertj.core.api.Assertions.assertThat;

class FailedLoginsThenSuccessTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();

    private static List<SequencePattern> rule() {
        return List.of(new FailedLoginsThenSuccess(FailedLoginsSettings.defaults()));
    }

    private static List<Finding> replay(List<SequencePattern> rule, AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(rule)) {
            return h.replay(BOUND, events);
        }
    }

    private static List<Finding> replay(AuditEvent... events) throws Exception {
        return replay(rule(), events);
    }

    private static List<String> ids(Finding f) {
        return f.evidence.stream().map(e -> e.eventId).toList();
    }

    @Test
    void guessesThenASuccessFromTheSameAddressIsHigh() throws Exception {
        AuditEvent f1 = fail(GRACE, 0, ATTACKER);
        AuditEvent f2 = fail(GRACE, 41, ATTACKER);
        AuditEvent f3 = fail(GRACE, 82, ATTACKER);
        AuditEvent s = ok(GRACE, 300, ATTACKER);

        List<Finding> out = replay(f1, f2, f3, s);

        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.ruleId).isEqualTo("failed-logins-then-success");
        assertThat(f.severity).isEqualTo(Severity.HIGH);
        assertThat(f.title).isEqualTo("Sign-in succeeded after 3 failed attempts");
        assertThat(f.mitre).containsExactly("T1110", "T1078");
        assertThat(f.subject).isEqualTo("sign-in-from:" + ATTACKER);
        assertThat(ids(f)).containsExactly(f1.eventId, f2.eventId, f3.eventId, s.eventId);
        assertThat(f.facts).containsEntry("failed_attempts", "3").containsEntry("failing_addresses", ATTACKER)
                .containsEntry("success_from_failing_address", "true").containsEntry("privileged", "false");
        assertThat(f.explanation).isEqualTo("grace@acme.example failed to sign in 3 times between 2026-11-02T09:00:00Z and"
                + " 2026-11-02T09:01:22Z from 175.16.199.40 (error 50126), then signed in at 2026-11-02T09:05:00Z from 175.16.199.40,"
                + " one of the failing addresses. Confirm with the owner that it was them; if not, reset the password, revoke its"
                + " sessions and keys, and review what it did after signing in.");
    }

    @Test
    void everyFailureOfTheRunIsEvidenceAndTheRunIsOneFinding() throws Exception {
        AuditEvent[] events = new AuditEvent[8];
        for (int i = 0; i < 6; i++) {
            events[i] = fail(GRACE, i * 41L, ATTACKER);
        }
        events[6] = ok(GRACE, 434, ATTACKER);
        events[7] = ok(GRACE, 500, OFFICE); // a second success does not repeat the story
        List<Finding> out = replay(events);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).facts).containsEntry("failed_attempts", "6");
        assertThat(out.get(0).evidence).hasSize(7);
    }

    @Test
    void otherSignInsAndInterruptionsBetweenTheStepsDoNotCount() throws Exception {
        AuditEvent f1 = fail(GRACE, 0, ATTACKER);
        AuditEvent f2 = fail(GRACE, 60, ATTACKER);
        AuditEvent f3 = fail(GRACE, 120, OFFICE);
        AuditEvent s = ok(GRACE, 240, OFFICE);
        List<Finding> out = replay(f1, ok(FRANK, 30, OFFICE), interrupt(GRACE, 50, ATTACKER), f2, fail(FRANK, 90, OFFICE), f3,
                interrupt(GRACE, 200, OFFICE), s);
        assertThat(out).hasSize(1);
        assertThat(ids(out.get(0))).containsExactly(f1.eventId, f2.eventId, f3.eventId, s.eventId);
        // success from an address that failed (the office): from a failing address, so high
        assertThat(out.get(0).facts).containsEntry("failing_addresses", ATTACKER + "," + OFFICE);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);

        // MFA prompts are not refused passwords: two failures and two prompts are not three failures
        assertThat(replay(fail(GRACE, 0, ATTACKER), interrupt(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER),
                interrupt(GRACE, 30, ATTACKER), ok(GRACE, 40, ATTACKER))).isEmpty();
    }

    @Test
    void aSuccessFromAnAddressThatNeverFailedIsMedium() throws Exception {
        List<Finding> out = replay(fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER), ok(GRACE, 30, OFFICE));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.MEDIUM);
        assertThat(out.get(0).explanation).contains("from 89.160.20.115, an address that had not failed.");
    }

    @Test
    void twoPrincipalsInterleavedAreTwoFindings() throws Exception {
        List<Finding> out = replay(fail(GRACE, 0, ATTACKER), fail(FRANK, 1, ATTACKER), fail(GRACE, 2, ATTACKER), fail(FRANK, 3, ATTACKER),
                fail(GRACE, 4, ATTACKER), fail(FRANK, 5, ATTACKER), ok(FRANK, 6, ATTACKER), ok(GRACE, 7, ATTACKER));
        assertThat(out).extracting(f -> f.principal).containsExactlyInAnyOrder(GRACE, FRANK);
        assertThat(out).allSatisfy(f -> assertThat(f.evidence).hasSize(4));
    }

    @Test
    void arrivalOutOfOrderWithinTheBoundFindsTheSame() throws Exception {
        AuditEvent f1 = fail(GRACE, 0, ATTACKER);
        AuditEvent f2 = fail(GRACE, 60, ATTACKER);
        AuditEvent f3 = fail(GRACE, 120, ATTACKER);
        AuditEvent s = ok(GRACE, 180, ATTACKER);
        List<Finding> inOrder = replay(f1, f2, f3, s);
        assertThat(inOrder).hasSize(1);
        assertThat(replay(s, f3, f1, f2)).isEqualTo(inOrder);
        // a success logged in the same second as the last failure still comes after it
        AuditEvent same = ok(GRACE, 120, ATTACKER);
        assertThat(replay(same, f3, f2, f1)).hasSize(1);
    }

    @Test
    void aSuccessByAnotherPrincipalIsNoMatch() throws Exception {
        assertThat(replay(fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER), ok(FRANK, 30, ATTACKER))).isEmpty();
    }

    @Test
    void aFailedFinalStepIsNoMatch() throws Exception {
        assertThat(replay(fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER), fail(GRACE, 30, ATTACKER))).isEmpty();
        assertThat(replay(fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), ok(GRACE, 30, ATTACKER))).isEmpty();
    }

    @Test
    void successPastTheWindowIsNoMatch() throws Exception {
        // the window (10 minutes) runs from the first failure; the last three alone are still a story
        assertThat(replay(fail(GRACE, 0, ATTACKER), fail(GRACE, 60, ATTACKER), fail(GRACE, 120, ATTACKER), ok(GRACE, 600, ATTACKER))).isEmpty();
        List<Finding> out = replay(fail(GRACE, 0, ATTACKER), fail(GRACE, 60, ATTACKER), fail(GRACE, 120, ATTACKER), fail(GRACE, 180, ATTACKER),
                ok(GRACE, 610, ATTACKER));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).facts).containsEntry("failed_attempts", "3");
    }

    @Test
    void theRootUserRaisesTheSeverity() throws Exception {
        List<Finding> out = replay(console(false, 0, "92.55.146.245"), console(false, 60, "92.55.146.245"),
                console(false, 120, "92.55.146.245"), console(true, 180, "92.55.146.245"));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).title).isEqualTo("Root sign-in succeeded after 3 failed attempts");
        assertThat(out.get(0).explanation).contains("(Failed authentication)").contains("This is the account's root user.");
    }

    @Test
    void privilegedPrincipalsAndAllowlistsAreHonoured() throws Exception {
        FailedLoginsSettings privileged = new FailedLoginsSettings(true, 3, Duration.ofMinutes(10), List.of("grace@*"),
                Set.copyOf(SignIns.DEFAULT_IGNORED_FAILURE_CODES), Allowlist.none());
        List<Finding> out = replay(List.of(new FailedLoginsThenSuccess(privileged)),
                fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER), ok(GRACE, 30, OFFICE));
        assertThat(out).extracting(f -> f.severity).containsExactly(Severity.HIGH);

        FailedLoginsSettings allowed = new FailedLoginsSettings(true, 3, Duration.ofMinutes(10), List.of(),
                Set.copyOf(SignIns.DEFAULT_IGNORED_FAILURE_CODES), new Allowlist(List.of(), List.of(io.trailhunt.events.settings.Cidr.parse("175.16.199.0/24")), List.of()));
        // failures from the allowed network are not counted
        assertThat(replay(List.of(new FailedLoginsThenSuccess(allowed)),
                fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER), ok(GRACE, 30, OFFICE))).isEmpty();
    }

    @Test
    void everyKindOfAllowlistEntryIsHonoured() throws Exception {
        Allowlists.assertEachKindOfEntryTellsNothing(FailedLoginsThenSuccess.RULE_ID, FailedLoginsThenSuccess::patterns, BOUND,
                "grace@*", "175.16.199.0/24", fail(GRACE, 0, ATTACKER), fail(GRACE, 10, ATTACKER), fail(GRACE, 20, ATTACKER), ok(GRACE, 30, ATTACKER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void failuresBeforeASavepointAndTheSuccessAfterItAreOneFinding(String backend) throws Exception {
        AuditEvent[] events = {fail(GRACE, 0, ATTACKER), fail(GRACE, 30, ATTACKER), fail(GRACE, 60, ATTACKER), ok(GRACE, 90, ATTACKER)};
        List<Finding> whole = replay(events);
        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(events[0], events[1], events[2]).watermark(seconds(70));
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(events[3]).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).hasSize(1).isEqualTo(whole);
        }
    }
}
