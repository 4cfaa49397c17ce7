package io.trailhunt.cep.signin;

import io.trailhunt.events.decode.aws.AwsArns;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;

import java.util.List;
import java.util.Set;

/**
 * Sign-ins as the decoders give them (category SIGN_IN: AWS ConsoleLogin with its result in
 * responseElements, Entra ID sign-ins with resultType), and which failures are guesses.
 */
public final class SignIns {
    /**
     * Entra result codes that interrupt a sign-in rather than refuse a password (MFA required or
     * being set up, "stay signed in?", account picker, device or seamless-SSO hand-offs): a user
     * who meets three of them and then signs in has not been guessed.
     */
    public static final List<String> DEFAULT_IGNORED_FAILURE_CODES = List.of(
            "16000", "50058", "50072", "50074", "50076", "50079", "50097", "50140", "81010", "81012");

    /** At most this many failures are kept in a match, so they and the success fit in a finding's evidence. */
    public static final int MAX_FAILURES_KEPT = 49;

    private SignIns() {}

    public static boolean isSignIn(AuditEvent e) {
        return e.category == Category.SIGN_IN;
    }

    public static boolean isSuccess(AuditEvent e) {
        return isSignIn(e) && e.succeeded();
    }

    /** A refused sign-in that is not one of the ignored interruptions. */
    public static boolean isCountedFailure(AuditEvent e, Set<String> ignoredCodes) {
        return isSignIn(e) && e.failed() && (e.errorCode == null || !ignoredCodes.contains(e.errorCode));
    }

    /**
     * An AWS console sign-in for a user name the account does not have: CloudTrail hides the name,
     * so all of them in an account read the same, whatever was typed.
     */
    public static boolean isUnknownUser(AuditEvent e) {
        return e.cloud == Cloud.AWS && AwsArns.HIDDEN_USER_NAME.equals(e.principal);
    }

    /**
     * Who a sign-in was for, as the rules compare them: the principal, an IAM user without its path
     * (the failures of a user with a path name it without one); null for an unknown user name.
     */
    public static String identity(AuditEvent e) {
        return isUnknownUser(e) ? null : AwsArns.withoutPath(e.principal);
    }

    /** "error 50126", "Failed authentication": what the log said about a failure. */
    public static String reason(AuditEvent e) {
        if (e.errorCode != null) {
            return "error " + e.errorCode;
        }
        return e.errorMessage != null ? e.errorMessage : "failed";
    }
}
