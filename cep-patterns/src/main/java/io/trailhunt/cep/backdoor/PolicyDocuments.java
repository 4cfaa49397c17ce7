package io.trailhunt.cep.backdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the two things the backdoor rule asks of an IAM policy document (as CloudTrail logs it: a
 * JSON string, sometimes URL-encoded): does it allow every action, and whom does a trust policy
 * let in. A document that cannot be read answers "no".
 */
public final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {}

    /** An Allow statement with action {@code *} (or {@code iam:*}) on resource {@code *}. */
    public static boolean allowsEverything(String document) {
        for (JsonNode st : statements(document)) {
            if ("Allow".equalsIgnoreCase(st.path("Effect").asText()) && contains(st.get("Action"), "*", "iam:*")
                    && contains(st.get("Resource"), "*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The AWS principals an Allow statement of a trust policy names that are outside the
     * organisation: {@code *}, or an account (ARN or id) that is neither {@code account} nor in {@code own}.
     */
    public static List<String> trustedOutside(String document, String account, Set<String> own) {
        List<String> out = new ArrayList<>();
        for (JsonNode st : statements(document)) {
            if (!"Allow".equalsIgnoreCase(st.path("Effect").asText())) {
                continue;
            }
            JsonNode principal = st.get("Principal");
            JsonNode aws = principal == null ? null : principal.isTextual() ? principal : principal.get("AWS");
            for (String p : texts(aws)) {
                String id = accountOf(p);
                if (p.equals("*") || (id != null && !id.equals(account) && !own.contains(id))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static String accountOf(String principal) {
        if (principal.matches("\\d{12}")) {
            return principal;
        }
        String[] parts = principal.split(":");
        return parts.length > 4 && parts[0].equals("arn") && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    private static List<JsonNode> statements(String document) {
        List<JsonNode> out = new ArrayList<>();
        if (document == null || document.isBlank()) {
            return out;
        }
        String text = document.trim();
        if (text.startsWith("%7B") || text.startsWith("%7b")) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        try {
            JsonNode st = JSON.readTree(text).get("Statement");
            if (st != null && st.isArray()) {
                st.forEach(out::add);
            } else if (st != null && st.isObject()) {
                out.add(st);
            }
        } catch (Exception e) {
            // not a document we can read: it proves nothing
        }
        return out;
    }

    private static boolean contains(JsonNode node, String... values) {
        for (String t : texts(node)) {
            for (String v : values) {
                if (t.equals(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }
}
