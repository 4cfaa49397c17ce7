package io.trailhunt.detectors.common;

import io.trailhunt.detectors.persistence.CredentialCatalog;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;

/** How much an action matters when it comes from somewhere unusual. */
public final class Activity {
    public static final String SIGN_IN = "sign-in";
    public static final String CREDENTIAL_CREATION = "credential creation";
    public static final String DATA_READ = "data read";

    private Activity() {}

    /** "sign-in", "credential creation" or "data read"; null for everything else. */
    public static String sensitivity(AuditEvent e) {
        if (e.category == Category.SIGN_IN) {
            return SIGN_IN;
        }
        if (CredentialCatalog.isCandidate(e) && CredentialCatalog.classify(e) != null) {
            return CREDENTIAL_CREATION;
        }
        if (e.category == Category.DATA && isRead(e.action)) {
            return DATA_READ;
        }
        return null;
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
