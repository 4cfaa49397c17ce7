package io.trailhunt.detectors.common;

import io.trailhunt.events.model.Geo;

import java.util.ArrayList;
import java.util.List;

/** The Anonymous-IP database's flags as stable names, most telling first. */
public final class NetworkKinds {
    public static final String TOR_EXIT = "tor-exit";
    public static final String PUBLIC_PROXY = "public-proxy";
    public static final String ANONYMOUS_VPN = "anonymous-vpn";
    public static final String RESIDENTIAL_PROXY = "residential-proxy";
    public static final String ANONYMOUS = "anonymous";
    public static final String HOSTING_PROVIDER = "hosting-provider";
    public static final List<String> ALL = List.of(TOR_EXIT, PUBLIC_PROXY, ANONYMOUS_VPN, RESIDENTIAL_PROXY, ANONYMOUS, HOSTING_PROVIDER);

    private NetworkKinds() {}

    /** Every flag set on {@code g}, in the order of {@link #ALL}; empty for null. */
    public static List<String> of(Geo g) {
        List<String> out = new ArrayList<>(2);
        if (g == null) {
            return out;
        }
        if (g.torExitNode) {
            out.add(TOR_EXIT);
        }
        if (g.publicProxy) {
            out.add(PUBLIC_PROXY);
        }
        if (g.anonymousVpn) {
            out.add(ANONYMOUS_VPN);
        }
        if (g.residentialProxy) {
            out.add(RESIDENTIAL_PROXY);
        }
        if (g.anonymous) {
            out.add(ANONYMOUS);
        }
        if (g.hostingProvider) {
            out.add(HOSTING_PROVIDER);
        }
        return out;
    }

    /** The most telling flag, or null when the address is none of these. */
    public static String first(Geo g) {
        List<String> all = of(g);
        return all.isEmpty() ? null : all.get(0);
    }
}
