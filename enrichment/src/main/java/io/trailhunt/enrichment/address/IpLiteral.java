package io.trailhunt.enrichment.address;

/**
 * Strict parsing of IPv4 and IPv6 literals into bytes. Written out rather than left to
 * {@link java.net.InetAddress#getByName}, which resolves anything that is not a literal through
 * DNS (a lookup per event, and a leak of what the job reads) and accepts legacy forms such as
 * {@code 1.2.3} that no audit log means.
 */
final class IpLiteral {
    private IpLiteral() {}

    /** Four decimal groups 0-255 of one to three digits; null when {@code s[from, to)} is anything else. */
    static byte[] ipv4(String s, int from, int to) {
        byte[] out = new byte[4];
        if (!ipv4Into(s, from, to, out, 0)) {
            return null;
        }
        return out;
    }

    private static boolean ipv4Into(String s, int from, int to, byte[] out, int offset) {
        int group = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && group < 3) {
                out[offset + group++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        if (group != 3 || digits == 0) {
            return false;
        }
        out[offset + 3] = (byte) value;
        return true;
    }

    /**
     * An IPv6 literal without brackets or zone: eight groups of one to four hex digits, at most one
     * {@code ::}, and optionally a dotted IPv4 address as the last 32 bits. Null when malformed.
     */
    static byte[] ipv6(String s, int from, int to) {
        if (to - from < 2) {
            return null;
        }
        int gap = s.indexOf("::", from);
        if (gap >= to - 1) {
            gap = -1;
        }
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0 && s.indexOf("::", gap + 1) < to - 1) {
            return null; // two gaps
        }
        byte[] out = new byte[16];
        int n;
        if (gap < 0) {
            n = groups(s, from, to, out, 16, true);
            return n == 16 ? out : null;
        }
        byte[] head = new byte[16];
        int h = gap == from ? 0 : groups(s, from, gap, head, 14, false);
        if (h < 0) {
            return null;
        }
        byte[] tail = new byte[16];
        int t = gap + 2 == to ? 0 : groups(s, gap + 2, to, tail, 14 - h, true);
        if (t < 0 || h + t > 14) {
            return null; // "::" stands for at least one zero group
        }
        System.arraycopy(head, 0, out, 0, h);
        System.arraycopy(tail, 0, out, 16 - t, t);
        return out;
    }

    /**
     * Parses colon-separated groups of {@code s[from, to)} into {@code out}; returns the number of
     * bytes written, or -1 when malformed or longer than {@code max} bytes. A dotted IPv4 address
     * may end the run only where it ends the whole address ({@code ipv4Last}).
     */
    private static int groups(String s, int from, int to, byte[] out, int max, boolean ipv4Last) {
        int written = 0;
        int start = from;
        while (true) {
            int colon = s.indexOf(':', start);
            int end = colon < 0 || colon >= to ? to : colon;
            if (end == start) {
                return -1; // empty group
            }
            if (ipv4Last && end == to && s.indexOf('.', start) >= 0 && s.indexOf('.', start) < to) {
                if (written + 4 > max || !ipv4Into(s, start, to, out, written)) {
                    return -1;
                }
                return written + 4;
            }
            if (end - start > 4 || written + 2 > max) {
                return -1;
            }
            int v = 0;
            for (int i = start; i < end; i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            out[written++] = (byte) (v >>> 8);
            out[written++] = (byte) v;
            if (end == to) {
                return written;
            }
            start = end + 1;
            if (start == to) {
                return -1; // trailing single colon
            }
        }
    }
}
