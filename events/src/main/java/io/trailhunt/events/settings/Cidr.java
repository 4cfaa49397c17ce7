package io.trailhunt.events.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "2001:db8::/32"), or a single address. */
public final class Cidr implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private Cidr(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException naming the text when it is not a CIDR or address */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literalAddress(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block (e.g. 203.0.113.0/24, 2001:db8::/32)");
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
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
            }
        }
        return new Cidr(t, mask(bytes, prefix), prefix);
    }

    /** True when {@code address} (a literal IP; anything else is false) lies in this network. */
    public boolean contains(String address) {
        byte[] b = address == null ? null : literalAddress(address);
        return b != null && contains(b);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    /**
     * Bytes of a literal IPv4/IPv6 address, or null for anything else. Never resolves names:
     * InetAddress.getByName only skips DNS for strings that look like literals, so check first.
     */
    public static byte[] literalAddress(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = v6 ? (Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%') : (Character.isDigit(c) || c == '.');
            if (!ok) {
                return null;
            }
        }
        if (!v6 && s.chars().filter(c -> c == '.').count() != 3) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
