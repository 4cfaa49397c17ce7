package io.trailhunt.events.decode.gcp;

/**
 * The canonical gRPC status codes (google.rpc.Code) that an AuditLog's {@code status.code}
 * carries, by name, so a rule can say PERMISSION_DENIED instead of 7.
 */
final class GrpcCodes {
    private static final String[] NAMES = {
        "OK",                  // 0
        "CANCELLED",           // 1
        "UNKNOWN",             // 2
        "INVALID_ARGUMENT",    // 3
        "DEADLINE_EXCEEDED",   // 4
        "NOT_FOUND",           // 5
        "ALREADY_EXISTS",      // 6
        "PERMISSION_DENIED",   // 7
        "RESOURCE_EXHAUSTED",  // 8
        "FAILED_PRECONDITION", // 9
        "ABORTED",             // 10
        "OUT_OF_RANGE",        // 11
        "UNIMPLEMENTED",       // 12
        "INTERNAL",            // 13
        "UNAVAILABLE",         // 14
        "DATA_LOSS",           // 15
        "UNAUTHENTICATED",     // 16
    };

    private GrpcCodes() {}

    /** The code's name; codes outside the table keep their number ({@code CODE_42}). */
    static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "CODE_" + code;
    }
}
