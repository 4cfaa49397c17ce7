package io.trailhunt.detectors.common;

import io.trailhunt.events.settings.Cidr;

/**
 * Which source addresses say where a principal is. Private, shared (carrier-grade NAT), loopback,
 * link-local, multicast and reserved addresses do not: they name a VPC, a NAT pool or a scrubbed
 * log, not a place, and a new one is no news. Neither do the service names CloudTrail writes instead
 * of an address ("ec2.amazonaws.com", "AWS Internal").
 */
public final class Networks {
    private Networks() {}

    /** True when {@code address} is a literal IPv4/IPv6 address routable on the internet. */
    public static boolean isPublic(String address) {
        byte[] b = Cidr.literalAddress(address);
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            return isPublicV4(b);
        }
        return isPublicV6(b);
    }

    /**
     * The address as a subscriber is known by: IPv4 as it is, IPv6 as its /64 prefix
     * ("2001:db8:1:2::/64"), since hosts rotate the lower 64 bits (RFC 8981 privacy addresses).
     */
    public static String subscriber(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        byte[] b = Cidr.literalAddress(address);
        if (b == null || b.length != 16) {
            return address;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/64").toString();
    }

    private static boolean isPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        if (a == 0 || a == 10 || a == 127 || a >= 224) {
            return false; // "this network", private, loopback, multicast and reserved (240/4, broadcast)
        }
        if (a == 100 && c >= 64 && c < 128) {
            return false; // 100.64.0.0/10, carrier-grade NAT
        }
        if (a == 169 && c == 254) {
            return false; // link-local, the instance metadata service
        }
        if (a == 172 && c >= 16 && c < 32) {
            return false;
        }
        if (a == 192 && c == 168) {
            return false;
        }
        if (a == 192 && c == 0 && (b[2] & 0xff) == 0) {
            return false; // IETF protocol assignments
        }
        return !(a == 198 && (c == 18 || c == 19)); // benchmarking
    }

    private static boolean isPublicV6(byte[] b) {
        boolean allZeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                allZeroPrefix = false;
                break;
            }
        }
        if (allZeroPrefix) {
            boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            return false; // unspecified, loopback, IPv4-compatible
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return false; // fe80::/10 link-local
        }
        return first != 0xff; // multicast
    }
}
