package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Small pieces of the explanations findings carry. */
public final class Text {
    private Text() {}

    /** "2026-11-02T13:15:20Z": whole seconds, as the logs give them. */
    public static String at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String at(AuditEvent e) {
        return at(e.eventTime);
    }

    public static String from(AuditEvent e) {
        return e.sourceIp == null ? "" : " from " + e.sourceIp;
    }

    public static String quote(String s) {
        return s == null ? "(not logged)" : "'" + s + "'";
    }

    /** Distinct non-null source addresses, in order. */
    public static Set<String> addresses(Collection<AuditEvent> events) {
        Set<String> out = new LinkedHashSet<>();
        for (AuditEvent e : events) {
            if (e.sourceIp != null) {
                out.add(e.sourceIp);
            }
        }
        return out;
    }

    public static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
