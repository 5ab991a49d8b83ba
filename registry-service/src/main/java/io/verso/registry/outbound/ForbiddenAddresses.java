package io.verso.registry.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Addresses the registry never sends a request to on a client's behalf (versions registered by URI, webhooks):
 * link-local ones, where cloud metadata services hand out the node's credentials, and wildcard and multicast ones.
 * The host is resolved for the check and again when connecting, so a name whose DNS answer changes in between is not
 * caught; an allow-list of hosts is the defence for that.
 */
public final class ForbiddenAddresses {

    private ForbiddenAddresses() {
    }

    /** The first forbidden address {@code host} resolves to; empty when none is. */
    public static Optional<InetAddress> of(String host) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** Why {@code host} is refused, for messages that name the address. */
    public static String reason(String host, InetAddress address) {
        return "host '" + host + "' is " + address.getHostAddress() + ", a link-local, wildcard or multicast"
                + " address, which the registry never sends requests to (cloud metadata services answer there)";
    }
}
