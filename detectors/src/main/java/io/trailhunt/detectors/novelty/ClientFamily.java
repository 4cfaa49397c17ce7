package io.trailhunt.detectors.novelty;

import java.util.Locale;

/**
 * The client family of a user agent: the product (aws-cli, boto3, terraform, chrome, azcopy, ...)
 * and the operating system where the agent says it, e.g. {@code aws-cli/macos}. Versions are left
 * out: an upgrade is not novel, a different tool on a different system is.
 */
public final class ClientFamily {
    private ClientFamily() {}

    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "none";
        }
        String ua = userAgent.trim();
        String lower = ua.toLowerCase(Locale.ROOT);
        return product(ua, lower) + "/" + os(lower);
    }

    static String product(String ua, String lower) {
        if (lower.contains("terraform")) {
            return "terraform";
        }
        if (lower.startsWith("mozilla/") || lower.startsWith("opera")) {
            if (lower.contains("edg/") || lower.contains("edge/")) {
                return "edge";
            }
            if (lower.contains("firefox/")) {
                return "firefox";
            }
            if (lower.contains("chrome/") || lower.contains("crios/")) {
                return "chrome";
            }
            if (lower.contains("safari/")) {
                return "safari";
            }
            return "browser";
        }
        String s = ua.startsWith("[") ? ua.substring(1) : ua;
        int end = 0;
        while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != ' ' && s.charAt(end) != ']' && s.charAt(end) != ','
                && s.charAt(end) != ';' && s.charAt(end) != '(') {
            end++;
        }
        String product = s.substring(0, end).toLowerCase(Locale.ROOT);
        return product.isEmpty() ? "other" : product;
    }

    static String os(String lower) {
        if (lower.contains("windows")) {
            return "windows";
        }
        if (lower.contains("android")) {
            return "android";
        }
        if (lower.contains("iphone") || lower.contains("ipad") || lower.contains(" ios")) {
            return "ios";
        }
        if (lower.contains("mac os") || lower.contains("macintosh") || lower.contains("macos") || lower.contains("darwin")) {
            return "macos";
        }
        if (lower.contains("linux") || lower.contains("ubuntu") || lower.contains("x11")) {
            return "linux";
        }
        return "?";
    }
}
