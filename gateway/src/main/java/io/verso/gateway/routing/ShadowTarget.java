package io.verso.gateway.routing;

import java.util.List;

/**
 * Where a copy of a request goes: its answer is compared with the client's and then discarded.
 *
 * @param version   the shadow version
 * @param path      the request path pinned to it
 * @param endpoints the pods that have it AVAILABLE
 */
public record ShadowTarget(long version, String path, List<String> endpoints) {

    public ShadowTarget {
        endpoints = List.copyOf(endpoints);
    }
}
