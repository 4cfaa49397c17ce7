package io.trailhunt.detectors.persistence;

/**
 * A long-lived credential a call created.
 *
 * @param kind stable short name, e.g. "aws-access-key"
 * @param what a phrase for explanations, e.g. "access key"
 * @param target whose credential it is (user, service account, application), when the log says
 * @param self true when the caller created it for itself
 */
public record CredentialAction(String kind, String what, String target, boolean self) {
    /** The history key: creating keys for yourself and for others are different habits. */
    public String habit() {
        return kind + (self ? ":self" : ":other");
    }
}
