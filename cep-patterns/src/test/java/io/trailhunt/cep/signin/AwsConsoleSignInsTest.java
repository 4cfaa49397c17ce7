package io.trailhunt.cep.signin;

import io.trailhunt.cep.RuleHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.trailhunt.cep.signin.ConsoleSignInRecords.like;
import static io.trailhunt.cep.signin.ConsoleSignInRecords.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS console sign-ins of IAM users as CloudTrail writes them (a failure names the user by account
 * and name, without the arn its success carries), through the decoder and the sign-in rules.
 */
class AwsConsoleSignInsTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();
    private static final String SHARMAMANIS = "arn:aws:iam::072643944673:user/sharmamanis";
    private static final String SPRAYER = "20.160.68.231";

    private static List<Finding> replay(SequencePattern rule, List<AuditEvent> events) throws Exception {
        try (RuleHarness h = RuleHarness.of(List.of(rule))) {
            return h.replay(BOUND, events.toArray(new AuditEvent[0]));
        }
    }

    private static FailedLoginsThenSuccess failedLogins(int minFailures) {
        return new FailedLoginsThenSuccess(new FailedLoginsSettings(true, minFailures, FailedLoginsSettings.DEFAULT_WINDOW, List.of(),
                Set.copyOf(SignIns.DEFAULT_IGNORED_FAILURE_CODES), Allowlist.none()));
    }

    private static List<String> ids(Finding f) {
        return f.evidence.stream().map(e -> e.eventId).toList();
    }

    @Test
    void anIamUsersFailuresWithoutAnArnAndItsSuccessAreOneStory() throws Exception {
        // the Sentinel export: two refused sign-ins, then the success, 38 seconds in all
        AuditEvent f1 = line(1);
        AuditEvent f2 = line(2);
        AuditEvent ok = line(3);
        List<Finding> out = replay(failedLogins(2), List.of(f1, f2, ok));
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.principal).isEqualTo(SHARMAMANIS);
        assertThat(f.severity).isEqualTo(Severity.HIGH); // from the failing address
        assertThat(ids(f)).containsExactly(f1.eventId, f2.eventId, ok.eventId);
        assertThat(f.explanation).startsWith(SHARMAMANIS + " failed to sign in 2 times between 2025-03-29T11:10:09Z and"
                + " 2025-03-29T11:10:31Z from 128.94.16.112 (Failed authentication), then signed in at 2025-03-29T11:10:47Z");

        // two failures are not the default three; a third of the same shape makes them so
        assertThat(replay(failedLogins(3), List.of(f1, f2, ok))).isEmpty();
        AuditEvent f3 = like(2, "third-failure", Instant.parse("2025-03-29T11:10:40Z"), "128.94.16.112", null);
        assertThat(replay(failedLogins(3), List.of(f1, f2, f3, ok))).extracting(x -> ids(x))
                .containsExactly(List.of(f1.eventId, f2.eventId, f3.eventId, ok.eventId));
    }

    @Test
    void aUserWithAPathIsOneStoryToo() throws Exception {
        List<Finding> out = replay(failedLogins(1), List.of(line(9), line(10)));
        assertThat(out).extracting(f -> f.principal).containsExactly("arn:aws:iam::072643944673:user/engineering/bob");
    }

    @Test
    void aFailureForAnUnknownUserNameStartsNoStoryOfItsOwn() {
        assertThat(failedLogins(1).isCandidate(line(6))).isFalse();
        assertThat(failedLogins(1).isCandidate(line(4))).isTrue();
        assertThat(new PasswordSpray(PasswordSpraySettings.defaults()).isCandidate(line(6))).isTrue();
    }

    /** Refused sign-ins from the sprayer for n users (line 4's shape), k unknown names (line 6's), then user3 signs in. */
    private static List<AuditEvent> spray(int users, int unknownNames) {
        Instant t = Instant.parse("2025-04-02T10:13:15Z");
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            out.add(like(4, "user-" + i, t.plusSeconds(20L * i), SPRAYER, "user" + i));
        }
        for (int j = 0; j < unknownNames; j++) {
            out.add(like(6, "unknown-" + j, t.plusSeconds(250 + 10L * j), SPRAYER, null));
        }
        out.add(like(3, "success", t.plusSeconds(400), SPRAYER, "user3"));
        return out;
    }

    @Test
    void failuresForUnknownUserNamesAreAttemptsOfASprayButNotItsPrincipals() throws Exception {
        PasswordSpray rule = new PasswordSpray(PasswordSpraySettings.defaults());
        // nine users and five unknown names are not ten principals
        assertThat(replay(rule, spray(9, 5))).isEmpty();

        List<Finding> out = replay(rule, spray(10, 5));
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.principal).isEqualTo("arn:aws:iam::072643944673:user/user3");
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(f.facts).containsEntry("distinct_principals", "10").containsEntry("failed_attempts", "15")
                .containsEntry("unknown_user_attempts", "5").containsEntry("success_principal_was_sprayed", "true");
        assertThat(f.explanation).startsWith(SPRAYER + " failed to sign in as 10 different principals (15 attempts, 5 of them for user"
                + " names the account does not have between 2025-04-02T10:13:15Z and 2025-04-02T10:18:05Z)");
        assertThat(f.evidence).hasSize(16);
    }
}
