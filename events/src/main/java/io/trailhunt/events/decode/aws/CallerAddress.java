package io.trailhunt.events.decode.aws;

/**
 * The caller address as a bare address. CloudTrail writes {@code sourceIPAddress} as an IPv4 or
 * IPv6 address, sometimes with a port ({@code 1.2.3.4:5678}, {@code [2001:db8::1]:443}), and for
 * calls made by AWS itself as a service name ({@code ec2.amazonaws.com}) or {@code AWS Internal}.
 * Ports are stripped so addresses compare and look up equal; anything that is not an address with
 * a port is returned as it is (enrichment decides what to do with service names).
 */
public final class CallerAddress {
    private CallerAddress() {}

    public static String strip(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n > 2 && s.charAt(0) == '[') {
            int close = s.indexOf(']');
            boolean bracketOnly = close == n - 1;
            boolean withPort = close > 1 && close + 1 < n && s.charAt(close + 1) == ':' && allDigits(s, close + 2, n);
            return close > 1 && (bracketOnly || withPort) ? s.substring(1, close) : s;
        }
        int colon = s.indexOf(':');
        // One colon only: several colons is a bare IPv6 address, which has no port to strip.
        if (colon > 0 && s.indexOf(':', colon + 1) < 0 && isIpv4(s, colon) && allDigits(s, colon + 1, n)) {
            return s.substring(0, colon);
        }
        return s;
    }

    /** Whether s[0, end) is four dot-separated groups of one to three digits. */
    private static boolean isIpv4(String s, int end) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }

    private static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
