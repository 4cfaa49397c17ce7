package io.trailhunt.cep.signin;

import io.trailhunt.cep.RuleHarness;
import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.cep.Allowlists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.trailhunt.cep.signin.SignInEvents.ATTACKER;
import static io.trailhunt.cep.signin.SignInEvents.OFFICE;
import static io.trailhunt.cep.signin.SignInEvents.fail;
import static io.trailhunt.cep.signin.SignInEvents.ok;
import static io.trailhunt.cep.signin.SignInEvents.seconds;
import static org.assertj.core.api.Assertions.assertThat;

class PasswordSprayTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();

    private static List<SequencePattern> rule() {
        return List.of(new PasswordSpray(PasswordSpraySettings.defaults()));
    }

    private static List<Finding> replay(List<SequencePattern> rule, List<AuditEvent> events) throws Exception {
        try (RuleHarness h = RuleHarness.of(rule)) {
            return h.replay(BOUND, events.toArray(new AuditEvent[0]));
        }
    }

    private static List<Finding> replay(List<AuditEvent> events) throws Exception {
        return replay(rule(), events);
    }

    /** One failure for each of n users from the address, 20 s apart, from second {@code start}. */
    private static List<AuditEvent> spray(int n, long start, String ip) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(fail("user" + i + "@acme.example", start + i * 20L, ip));
        }
        return out;
    }

    private static List<AuditEvent> plus(List<AuditEvent> a, AuditEvent... more) {
        List<AuditEvent> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void tenPrincipalsFailingFromOneAddressThenASuccessFromItIsOneFinding() throws Exception {
        List<AuditEvent> failures = spray(10, 0, ATTACKER);
        AuditEvent success = ok("user3@acme.example", 400, ATTACKER);
        List<Finding> out = replay(plus(failures, success));

        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.ruleId).isEqualTo("password-spray");
        assertThat(f.principal).isEqualTo("user3@acme.example");
        assertThat(f.severity).isEqualTo(Severity.CRITICAL); // the success was one of the sprayed principals
        assertThat(f.subject).isEqualTo("spray-from:" + ATTACKER);
        assertThat(f.mitre).containsExactly("T1110.003", "T1078");
        assertThat(f.evidence).hasSize(11);
        assertThat(f.facts).containsEntry("distinct_principals", "10").containsEntry("failed_attempts", "10")
                .containsEntry("success_principal_was_sprayed", "true");
        assertThat(f.explanation).startsWith("175.16.199.40 failed to sign in as 10 different principals (10 attempts between"
                + " 2026-11-02T09:00:00Z and 2026-11-02T09:03:00Z), then signed in as user3@acme.example at 2026-11-02T09:06:40Z"
                + " from 175.16.199.40. That principal was one of those sprayed");
    }

    @Test
    void repeatedFailuresOfFewPrincipalsAreNoSpray() throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 9; i++) {
                events.add(fail("user" + i + "@acme.example", round * 180L + i * 20L, ATTACKER));
            }
        }
        events.add(ok("user1@acme.example", 890, ATTACKER));
        assertThat(replay(events)).isEmpty();
    }

    @Test
    void aSuccessForAnotherPrincipalStillEndsTheSprayButIsHigh() throws Exception {
        List<Finding> out = replay(plus(spray(12, 0, ATTACKER), ok("boss@acme.example", 300, ATTACKER)));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(out.get(0).facts).containsEntry("success_principal_was_sprayed", "false");
    }

    @Test
    void twoSourcesInterleavedAreCountedApart() throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        List<AuditEvent> a = spray(6, 0, ATTACKER);
        List<AuditEvent> b = spray(6, 10, OFFICE);
        for (int i = 0; i < 6; i++) {
            events.add(a.get(i));
            events.add(b.get(i));
        }
        events.add(ok("user1@acme.example", 300, ATTACKER));
        events.add(ok("user1@acme.example", 301, OFFICE));
        assertThat(replay(events)).isEmpty();
        List<AuditEvent> more = new ArrayList<>(events);
        more.addAll(spray(4, 320, ATTACKER).stream().map(e -> { e.principal = "x" + e.principal; return e; }).toList());
        more.add(ok("user2@acme.example", 420, ATTACKER));
        assertThat(replay(more)).extracting(f -> f.principal).containsExactly("user2@acme.example");
    }

    @Test
    void arrivalOutOfOrderWithinTheBoundFindsTheSame() throws Exception {
        List<AuditEvent> events = plus(spray(10, 0, ATTACKER), ok("user3@acme.example", 400, ATTACKER));
        List<Finding> inOrder = replay(events);
        List<AuditEvent> shuffled = new ArrayList<>(events);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7)); // all within 7 minutes: inside the bound
        assertThat(replay(shuffled)).hasSize(1).isEqualTo(inOrder);
    }

    @Test
    void aSuccessFromAnotherAddressIsNoMatch() throws Exception {
        assertThat(replay(plus(spray(10, 0, ATTACKER), ok("user3@acme.example", 400, OFFICE)))).isEmpty();
    }

    @Test
    void aFailedLastStepIsNoMatch() throws Exception {
        assertThat(replay(plus(spray(10, 0, ATTACKER), fail("user3@acme.example", 400, ATTACKER)))).isEmpty();
    }

    @Test
    void aSuccessPastTheWindowIsNoMatch() throws Exception {
        assertThat(replay(plus(spray(10, 0, ATTACKER), ok("user3@acme.example", 15 * 60 + 1, ATTACKER)))).isEmpty();
    }

    @Test
    void groupingByNetworkJoinsAddressesOfOneAs() throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AuditEvent e = fail("user" + i + "@acme.example", i * 20L, "175.16.199." + (10 + i));
            e.geo = geo(4837);
            events.add(e);
        }
        AuditEvent success = ok("user3@acme.example", 400, "175.16.199.99");
        success.geo = geo(4837);
        events.add(success);
        assertThat(replay(events)).isEmpty();
        PasswordSpraySettings byAsn = new PasswordSpraySettings(true, 10, Duration.ofMinutes(15), PasswordSpraySettings.BY_ASN,
                Set.copyOf(SignIns.DEFAULT_IGNORED_FAILURE_CODES), Allowlist.none());
        List<Finding> out = replay(List.of(new PasswordSpray(byAsn)), events);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).subject).isEqualTo("spray-from:AS4837");
        assertThat(out.get(0).title).isEqualTo("Sign-in after a password spray from network AS4837");
    }

    private static Geo geo(long asn) {
        Geo g = new Geo();
        g.asn = asn;
        return g;
    }

    @Test
    void allowedPrincipalsNetworksAndAsnsAreHonoured() throws Exception {
        List<AuditEvent> story = plus(spray(10, 0, ATTACKER), ok("user3@acme.example", 400, ATTACKER));
        List<Finding> found = Allowlists.assertEachKindOfEntryTellsNothing(PasswordSpray.RULE_ID, PasswordSpray::patterns, BOUND,
                "user3@*", "175.16.199.0/24", story.toArray(new AuditEvent[0]));
        assertThat(found).extracting(f -> f.principal).containsExactly("user3@acme.example");
        // an allowed principal's failures are not counted: nine are left
        assertThat(replay(PasswordSpray.patterns(Allowlists.rules(PasswordSpray.RULE_ID, "{\"principals\":[\"user0@*\"]}")), story)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aSpraySplitByASavepointIsFound(String backend) throws Exception {
        List<AuditEvent> failures = spray(10, 0, ATTACKER);
        AuditEvent success = ok("user3@acme.example", 400, ATTACKER);
        List<Finding> whole = replay(plus(failures, success));
        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(failures.toArray(new AuditEvent[0])).watermark(seconds(200));
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(success).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).hasSize(1).isEqualTo(whole);
        }
    }
}
