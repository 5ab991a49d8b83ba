package io.verso.registry.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Where a pod may say it is: the endpoint a pod reports is where gateways will send client traffic, so a pod
 * credential must not be able to point it elsewhere (outside the cluster, or at another service's port). Every
 * address the endpoint's host resolves to must lie inside one of the CIDRs, and its port must be one of the ports
 * (none configured: any port).
 */
public final class PodNetwork {

    private static final Logger log = LoggerFactory.getLogger(PodNetwork.class);

    private final List<String> cidrs;
    private final List<IpAddressMatcher> matchers;
    private final List<Integer> ports;

    public PodNetwork(List<String> cidrs, List<Integer> ports) {
        this.cidrs = List.copyOf(cidrs);
        this.matchers = cidrs.stream().map(IpAddressMatcher::new).toList();
        this.ports = List.copyOf(ports);
    }

    /** Why the pod may not report {@code endpoint}; empty when it may. */
    Optional<String> refusal(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a URL: the pod status check answers that with its own 400
        }
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (!ports.isEmpty() && !ports.contains(port)) {
            return Optional.of("endpoint port " + port + " is not one of verso.registry.pod-network.ports " + ports);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            log.warn("Pod endpoint {} does not resolve at the registry; its network is not checked", endpoint);
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (matchers.stream().noneMatch(matcher -> matcher.matches(address.getHostAddress()))) {
                return Optional.of("endpoint host '" + uri.getHost() + "' is " + address.getHostAddress()
                        + ", outside verso.registry.pod-network.cidrs " + cidrs);
            }
        }
        return Optional.empty();
    }
}
