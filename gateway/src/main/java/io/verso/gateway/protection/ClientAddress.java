package io.verso.gateway.protection;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who an unauthenticated client is, for its rate limit: the address of the connection, unless that is one of the
 * trusted proxies (a load balancer or ingress the operator names by CIDR); then the right-most address of
 * {@code X-Forwarded-For} that is not a trusted proxy, as each proxy appends the address it saw. Entries left of
 * that one are whatever the client wrote and are never believed, so a client cannot pick its own identity; with
 * no trusted proxies the header is ignored altogether. Transport-neutral: HTTP and gRPC fronts both pass the peer
 * address and the header's value.
 */
public final class ClientAddress {

    private final List<IpSubnetFilterRule> trustedProxies;

    /** @param trustedProxies CIDRs ({@code 10.0.0.0/8}) or single addresses of proxies in front of the gateway */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::rule).toList();
    }

    /** The client's address as text; {@code unknown} when the connection has none. */
    public String of(InetSocketAddress peer, String forwardedFor) {
        if (peer == null || peer.getAddress() == null) {
            return "unknown";
        }
        InetAddress client = peer.getAddress();
        if (!trusted(client) || forwardedFor == null || forwardedFor.isBlank()) {
            return client.getHostAddress();
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(hops[i].trim());
            if (hop == null) {
                // Not an address: a proxy we trust would not have written it, so the client did; stop here.
                return client.getHostAddress();
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return trustedProxies.stream().anyMatch(rule -> rule.matches(socket));
    }

    /** An IP literal, never a DNS look-up (a client-written name must not make the gateway resolve it). */
    private static InetAddress literal(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static IpSubnetFilterRule rule(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("trusted proxy '" + cidr + "' is not an IP address or CIDR");
        }
        int maxBits = address.getAddress().length * 8;
        int bits;
        try {
            bits = parts.length == 2 ? Integer.parseInt(parts[1]) : maxBits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trusted proxy '" + cidr + "' has no valid prefix length", e);
        }
        if (bits < 0 || bits > maxBits) {
            throw new IllegalArgumentException("trusted proxy '" + cidr + "' has a prefix length outside 0-" + maxBits);
        }
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }
}
