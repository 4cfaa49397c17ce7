package io.trailhunt.detectors.common;

import io.trailhunt.detectors.persistence.CredentialCatalog;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.PrincipalType;

/**
 * How much an action matters when it comes from somewhere unusual: a person signing in (a console
 * login), creating a credential, or reading data. Machines signing in (token refreshes, service
 * principals, managed identities) and the other steps of a console sign-in are not among them.
 */
public final class Activity {
    /** An interactive sign-in: AWS ConsoleLogin, an Entra user's interactive sign-in. */
    public static final String SIGN_IN = "sign-in";
    public static final String CREDENTIAL_CREATION = "credential creation";
    public static final String DATA_READ = "data read";

    private Activity() {}

    /** "sign-in", "credential creation" or "data read"; null for everything else. */
    public static String sensitivity(AuditEvent e) {
        if (e.category == Category.SIGN_IN) {
            return interactiveSignIn(e) ? SIGN_IN : null;
        }
        if (CredentialCatalog.isCandidate(e) && CredentialCatalog.classify(e) != null) {
            return CREDENTIAL_CREATION;
        }
        if (e.category == Category.DATA && isRead(e.action)) {
            return DATA_READ;
        }
        return null;
    }

    /**
     * A person at a sign-in page: AWS {@code ConsoleLogin} (not the CheckMfa, SwitchRole, ...
     * records around it); an Entra sign-in by a user unless Entra says it was not interactive
     * (NonInteractiveUserSignInLogs: a client refreshing its token). Service principals and managed
     * identities sign in as programs.
     */
    static boolean interactiveSignIn(AuditEvent e) {
        if (e.cloud == Cloud.AWS) {
            return "ConsoleLogin".equals(e.action);
        }
        if (e.cloud == Cloud.AZURE) {
            return e.principalType == PrincipalType.USER && !"false".equalsIgnoreCase(e.param("isInteractive"));
        }
        return true;
    }

    /** S3 GetObject, GCS storage.objects.get, Azure GetBlob, and their kin. */
    static boolean isRead(String action) {
        if (action == null) {
            return false;
        }
        return action.startsWith("Get") || action.endsWith(".get") || action.endsWith(".read")
                || action.startsWith("Select") || action.equals("Decrypt");
    }
}
