package io.trailhunt.detectors.volume;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;

import java.util.Locale;
import java.util.Set;

/**
 * The kinds of call whose hourly volume is baselined separately: a spike of IAM calls or of
 * listings means something else than a spike of reads. Every event has exactly one class, in this
 * order of precedence: data-plane calls, identity calls (IAM, STS, role assignments, sign-ins),
 * writes, listings, other reads.
 */
public enum ActionClass {
    DATA,
    IAM,
    WRITE,
    LIST,
    READ;

    private static final Set<String> IDENTITY_SERVICES = Set.of("iam.amazonaws.com", "sts.amazonaws.com", "sso.amazonaws.com",
            "identitystore.amazonaws.com", "iam.googleapis.com", "iamcredentials.googleapis.com", "sts.googleapis.com",
            "microsoft.authorization", "microsoft.aadiam", "microsoft.managedidentity", "core directory");

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionClass classify(AuditEvent e) {
        if (e.category == Category.DATA) {
            return DATA;
        }
        if (e.category == Category.SIGN_IN || isIdentity(e)) {
            return IAM;
        }
        if (!isRead(e)) {
            return WRITE;
        }
        return isListing(e.action) ? LIST : READ;
    }

    static boolean isIdentity(AuditEvent e) {
        if (e.service != null && IDENTITY_SERVICES.contains(e.service.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return e.action != null && (e.action.contains("IamPolicy") || e.action.contains("roleAssignments"));
    }

    /** The verb of a call: the last segment of GCP method names ("storage.objects.get" → "get") and Azure operations. */
    static String verb(String action) {
        if (action == null) {
            return "";
        }
        int cut = Math.max(action.lastIndexOf('.'), action.lastIndexOf('/'));
        return cut >= 0 && cut < action.length() - 1 ? action.substring(cut + 1) : action;
    }

    /** Read-only: CloudTrail says so where it can; elsewhere the verb tells (Get, List, Describe, read, ...). */
    public static boolean isRead(AuditEvent e) {
        if (e.readOnly != null) {
            return e.readOnly;
        }
        String v = verb(e.action).toLowerCase(Locale.ROOT);
        return v.startsWith("get") || v.startsWith("list") || v.startsWith("describe") || v.startsWith("head") || v.startsWith("search")
                || v.startsWith("lookup") || v.startsWith("batchget") || v.startsWith("aggregatedlist") || v.equals("read")
                || v.startsWith("testiampermissions") || v.startsWith("query");
    }

    static boolean isListing(String action) {
        String v = verb(action).toLowerCase(Locale.ROOT);
        return v.startsWith("list") || v.startsWith("describe") || v.startsWith("search") || v.startsWith("lookup") || v.startsWith("aggregatedlist");
    }
}
