package io.trailhunt.enrichment.address;

import io.trailhunt.events.model.AddressKind;

import java.net.InetAddress;

/**
 * A source address and what it is. {@code address} is set for every IP literal (public, private
 * or reserved), an {@link java.net.Inet4Address} for IPv4-mapped and NAT64 IPv6 forms; null for
 * service names, invalid strings and missing addresses.
 */
public record ClassifiedAddress(AddressKind kind, InetAddress address) {}
