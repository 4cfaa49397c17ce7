package io.trailhunt.enrichment.address;

import io.trailhunt.events.model.AddressKind;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Decides what a log's source address is without ever asking DNS: an IPv4 or IPv6 literal (with
 * or without a port, {@code 1.2.3.4:5678}, {@code [2001:db8::1]:443}, a zone {@code fe80::1%eth0},
 * IPv4-mapped {@code ::ffff:1.2.3.4}), a cloud's service name ({@code ec2.amazonaws.com},
 * {@code AWS Internal}), or something unusable. Only {@link AddressKind#PUBLIC} addresses are worth
 * a GeoIP lookup: private, shared and reserved ranges have no place on a map.
 */
public final class AddressClassifier {
    private AddressClassifier() {}

    public static ClassifiedAddress classify(String raw) {
        if (raw == null) {
            return new ClassifiedAddress(AddressKind.NONE, null);
        }
        String s = raw.trim();
        if (s.isEmpty()) {
            return new ClassifiedAddress(AddressKind.NONE, null);
        }
        byte[] bytes = literal(s);
        if (bytes != null) {
            return of(bytes);
        }
        return new ClassifiedAddress(nameKind(s), null);
    }

    /** The bytes of an address literal in any of the forms logs write, or null. */
    static byte[] literal(String s) {
        int n = s.length();
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 2 || !(close == n - 1 || s.charAt(close + 1) == ':' && isPort(s, close + 2, n))) {
                return null;
            }
            return ipv6WithZone(s, 1, close);
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return IpLiteral.ipv4(s, 0, n);
        }
        if (s.indexOf(':', colon + 1) < 0) {
            // exactly one colon: an IPv4 address with a port (Azure, some CloudTrail records)
            return isPort(s, colon + 1, n) ? IpLiteral.ipv4(s, 0, colon) : null;
        }
        return ipv6WithZone(s, 0, n);
    }

    private static byte[] ipv6WithZone(String s, int from, int to) {
        int zone = s.indexOf('%', from);
        return IpLiteral.ipv6(s, from, zone >= 0 && zone < to ? zone : to);
    }

    private static boolean isPort(String s, int from, int to) {
        if (from >= to || to - from > 5) {
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

    private static ClassifiedAddress of(byte[] bytes) {
        InetAddress a;
        try {
            // From bytes: never a name lookup. IPv4-mapped IPv6 comes back as an Inet4Address.
            a = InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e); // 4 or 16 by construction
        }
        byte[] b = a.getAddress();
        if (b.length == 16 && isNat64(b)) {
            byte[] v4 = {b[12], b[13], b[14], b[15]};
            return of(v4);
        }
        return new ClassifiedAddress(b.length == 4 ? ipv4Kind(b) : ipv6Kind(b), a);
    }

    static AddressKind ipv4Kind(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        switch (a0) {
            case 10:
            case 127: // loopback
                return AddressKind.PRIVATE;
            case 0: // "this network"
                return AddressKind.RESERVED;
            case 100:
                return a1 >= 64 && a1 < 128 ? AddressKind.PRIVATE : AddressKind.PUBLIC; // shared (carrier-grade NAT)
            case 169:
                return a1 == 254 ? AddressKind.PRIVATE : AddressKind.PUBLIC; // link-local, cloud metadata services
            case 172:
                return a1 >= 16 && a1 < 32 ? AddressKind.PRIVATE : AddressKind.PUBLIC;
            case 192:
                if (a1 == 168) {
                    return AddressKind.PRIVATE;
                }
                // IETF protocol assignments 192.0.0/24, documentation 192.0.2/24
                return a1 == 0 && (a2 == 0 || a2 == 2) ? AddressKind.RESERVED : AddressKind.PUBLIC;
            case 198:
                // benchmarking 198.18/15, documentation 198.51.100/24
                return a1 == 18 || a1 == 19 || a1 == 51 && a2 == 100 ? AddressKind.RESERVED : AddressKind.PUBLIC;
            case 203:
                return a1 == 0 && a2 == 113 ? AddressKind.RESERVED : AddressKind.PUBLIC; // documentation
            default:
                return a0 >= 224 ? AddressKind.RESERVED : AddressKind.PUBLIC; // multicast, future use, broadcast
        }
    }

    static AddressKind ipv6Kind(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0 && allZero(b, 1, 10)) {
            // ::/80 holds the unspecified address, loopback and the deprecated IPv4-compatible form
            boolean loopback = allZero(b, 10, 15) && b[15] == 1;
            return loopback ? AddressKind.PRIVATE : AddressKind.RESERVED;
        }
        if ((b0 & 0xfe) == 0xfc) {
            return AddressKind.PRIVATE; // unique local fc00::/7
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return AddressKind.PRIVATE; // link-local fe80::/10
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return AddressKind.PRIVATE; // deprecated site-local fec0::/10
        }
        if (b0 == 0xff) {
            return AddressKind.RESERVED; // multicast
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return AddressKind.RESERVED; // documentation 2001:db8::/32
        }
        return AddressKind.PUBLIC;
    }

    /** 64:ff9b::/96, where NAT64 gateways (AWS DNS64 among them) put the IPv4 address they reach. */
    private static boolean isNat64(byte[] b) {
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a string that is not an address is. CloudTrail names the calling service
     * ({@code ec2.amazonaws.com}) or writes {@code AWS Internal}; GCP writes {@code private} or
     * {@code gce-internal-ip} for calls from inside its networks. Anything else ("redacted",
     * {@code 1.2.3}, {@code 999.1.1.1}, placeholders) is invalid.
     */
    static AddressKind nameKind(String s) {
        if (s.equalsIgnoreCase("private") || s.equalsIgnoreCase("gce-internal-ip")) {
            return AddressKind.PRIVATE;
        }
        if (s.equalsIgnoreCase("AWS Internal")) {
            return AddressKind.CLOUD_SERVICE;
        }
        return isHostName(s) ? AddressKind.CLOUD_SERVICE : AddressKind.INVALID;
    }

    /** Two or more dot-separated labels of letters, digits and dashes, the last one all letters. */
    private static boolean isHostName(String s) {
        int lastDot = s.lastIndexOf('.');
        if (lastDot <= 0 || lastDot == s.length() - 1 || s.length() > 253) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if (isLetter(c) || c >= '0' && c <= '9' || c == '-') {
                if (++labelLength > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        for (int i = lastDot + 1; i < s.length(); i++) {
            if (!isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
