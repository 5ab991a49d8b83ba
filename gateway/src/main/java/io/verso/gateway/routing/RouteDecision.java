package io.verso.gateway.routing;

import java.util.List;

/**
 * Where one request goes.
 *
 * @param model        model name, or {@code null} for server-level requests
 * @param version      the version that answers, or {@code null} when the gateway does not know it (server-level,
 *                     TF Serving status query, an unlisted model in static mode)
 * @param role         why this version
 * @param path         the path the pod receives
 * @param endpoints    the pods that may take it, in table order
 * @param shadow       where a copy goes, or {@code null}
 */
public record RouteDecision(String model, Long version, Role role, String path, List<String> endpoints,
                            ShadowTarget shadow) {

    public RouteDecision {
        endpoints = List.copyOf(endpoints);
    }
}
