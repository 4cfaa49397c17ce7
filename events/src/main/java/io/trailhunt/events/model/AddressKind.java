package io.trailhunt.events.model;

import java.util.Locale;

/**
 * What the enrichment step made of an event's {@code sourceIp}, so that rules can tell an address
 * that was looked up and found nowhere ({@code PUBLIC} with no {@code geo}) from one that was
 * never looked up (every other kind). Null on an event that has not passed enrichment.
 */
public enum AddressKind {
    /** A routable address: looked up in the GeoIP databases (when configured). */
    PUBLIC,
    /**
     * Inside some network, with no place on a map: RFC 1918, shared 100.64/10, loopback,
     * link-local, IPv6 unique-local, and GCP's {@code private}/{@code gce-internal-ip}. Not looked up.
     */
    PRIVATE,
    /** Documentation, benchmarking, multicast and other reserved ranges. Not looked up. */
    RESERVED,
    /** A cloud's own service calling ({@code ec2.amazonaws.com}, {@code AWS Internal}). Not looked up. */
    CLOUD_SERVICE,
    /** Not an address and not a service name (redacted, truncated, garbage). Not looked up. */
    INVALID,
    /** The event carries no source address. */
    NONE;

    /** Lower case with dashes, as in configuration and output: {@code cloud-service}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether an address of this kind is looked up in GeoIP at all: only public ones are. */
    public boolean locatable() {
        return this == PUBLIC;
    }
}
