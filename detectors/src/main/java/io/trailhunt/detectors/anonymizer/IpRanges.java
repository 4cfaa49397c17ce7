package io.trailhunt.detectors.anonymizer;

import io.trailhunt.events.settings.Cidr;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelled IPv4/IPv6 networks with a longest-prefix lookup that costs one hash lookup per distinct
 * prefix length in the list, not one comparison per entry: threat feeds hold tens of thousands.
 */
final class IpRanges {
    /** prefix length → masked network → label; longest prefixes first. */
    private final TreeMap<Integer, Map<Key, String>> v4 = new TreeMap<>((a, b) -> Integer.compare(b, a));
    private final TreeMap<Integer, Map<Key, String>> v6 = new TreeMap<>((a, b) -> Integer.compare(b, a));
    private int size;

    /** An address's bytes masked to a prefix, usable as a map key. */
    private record Key(long hi, long lo) {}

    /** @throws IllegalArgumentException when {@code network} is not an address or CIDR */
    void add(String network, String label) {
        String t = network.trim();
        int slash = t.indexOf('/');
        byte[] bytes = Cidr.literalAddress(slash < 0 ? t : t.substring(0, slash));
        if (bytes == null) {
            throw new IllegalArgumentException("'" + network + "' is not an IP address or CIDR block");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + network + "' has a prefix length outside 0-" + bits);
            }
        }
        TreeMap<Integer, Map<Key, String>> table = bytes.length == 4 ? v4 : v6;
        if (table.computeIfAbsent(prefix, p -> new HashMap<>()).putIfAbsent(key(bytes, prefix), label) == null) {
            size++;
        }
    }

    /** The label of the most specific network holding {@code address}, or null. */
    String lookup(String address) {
        byte[] bytes = Cidr.literalAddress(address);
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        TreeMap<Integer, Map<Key, String>> table = bytes.length == 4 ? v4 : v6;
        for (Map.Entry<Integer, Map<Key, String>> e : table.entrySet()) {
            String label = e.getValue().get(key(bytes, e.getKey()));
            if (label != null) {
                return label;
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    private static Key key(byte[] b, int prefix) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            long v = b[i] & (0xff << (8 - keep)) & 0xff;
            if (i < 8) {
                hi = (hi << 8) | v;
            } else {
                lo = (lo << 8) | v;
            }
        }
        return new Key(hi, lo);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
