package io.verso.registry.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Addresses the registry does not send a request to on a client's behalf (versions registered by URI, webhooks).
 *
 * <p>{@link #of Never}: link-local ones (169.254/16, fe80::/10), where cloud metadata services hand out the node's
 * credentials, the metadata services' other addresses (AWS's fd00:ec2::254, Alibaba's 100.100.100.200), and
 * wildcard and multicast ones. {@link #internal Internal} ones besides, which only a host an operator allow-listed
 * may resolve to: loopback (127/8, ::1), "this network" (0/8), private (RFC 1918: 10/8, 172.16/12, 192.168/16),
 * carrier-grade NAT (100.64/10) and unique-local IPv6 (fc00::/7, and the deprecated site-local fec0::/10): the
 * registry runs inside the cluster, and a URI naming those would let a deployer read or probe what only the cluster
 * reaches. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 *
 * <p>The host is resolved for the check and again when connecting, so a name whose DNS answer changes in between is
 * not caught; an allow-list of hosts is the defence for that.
 */
public final class ForbiddenAddresses {

    private static final Set<String> METADATA = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    private ForbiddenAddresses() {
    }

    /** The first address {@code host} resolves to that is never a target; empty when none is. */
    public static Optional<InetAddress> of(String host) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (isNever(address)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** The first address {@code host} resolves to that is never a target or internal; empty when none is. */
    public static Optional<InetAddress> internal(String host) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (isNever(address) || isInternal(address)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** Why {@code host} is refused, for messages that name the address. */
    public static String reason(String host, InetAddress address) {
        if (isNever(address)) {
            return "host '" + host + "' is " + address.getHostAddress() + ", a link-local, metadata, wildcard or"
                    + " multicast address, which the registry never sends requests to (cloud metadata services"
                    + " answer there)";
        }
        return "host '" + host + "' is " + address.getHostAddress() + ", a loopback, private, carrier-grade NAT or"
                + " unique-local address, which the registry fetches from only for hosts named in"
                + " verso.registry.fetch-allowed-hosts";
    }

    private static boolean isNever(InetAddress address) {
        return address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                || METADATA.contains(address.getHostAddress());
    }

    private static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] mapped = mappedIpv4(bytes);
            if (mapped != null) {
                return isInternalIpv4(mapped);
            }
            return address.isLoopbackAddress() || (bytes[0] & 0xfe) == 0xfc || address.isSiteLocalAddress();
        }
        return address instanceof Inet4Address && isInternalIpv4(bytes);
    }

    private static boolean isInternalIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 127 || first == 0 || first == 10 || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168) || (first == 100 && second >= 64 && second <= 127)
                || (first == 169 && second == 254);
    }

    /** The IPv4 address inside {@code ::ffff:a.b.c.d}, else null (Java hands most of these back as IPv4 already). */
    private static byte[] mappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return null;
            }
        }
        if ((b[10] & 0xff) != 0xff || (b[11] & 0xff) != 0xff) {
            return null;
        }
        return new byte[] {b[12], b[13], b[14], b[15]};
    }
}
