package io.verso.gateway.routing;

import io.verso.contracts.ModelRoute;
import io.verso.contracts.VersionEndpoints;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The routing decision as a function of (routing state, path, routing key, random): unpinned requests split between
 * stable and canary by weight (a sticky hash of the key when there is one), pins pass through unchanged, and a
 * share of unpinned inference requests gets a shadow copy.
 */
public final class Router {

    private Router() {
    }

    public static RouteDecision decide(RoutingSnapshot snapshot, InferencePath path, String routingKey,
                                       RandomGenerator random) {
        if (path.model() == null) {
            return new RouteDecision(null, null, Role.PINNED, path.unchanged(), List.copyOf(snapshot.allEndpoints()),
                    null);
        }
        ModelRoute route = snapshot.route(path.model());
        if (route == null) {
            if (snapshot.fallback() == null) {
                throw RoutingProblem.notFound("Servable not found for request: Latest(" + path.model() + ")");
            }
            Role role = path.choosesVersion() ? Role.STABLE : Role.PINNED;
            return new RouteDecision(path.model(), path.version(), role, path.unchanged(),
                    List.of(snapshot.fallback()), null);
        }
        if (path.version() != null) {
            return pinned(route, path, path.version(), "Specific(" + route.model() + ", " + path.version() + ")");
        }
        if (path.label() != null) {
            Long labelled = route.labels().get(path.label());
            if (labelled == null) {
                throw RoutingProblem.notFound("Unrecognized servable version label: " + path.label());
            }
            return pinned(route, path, labelled, "Label(" + route.model() + ", " + path.label() + ")");
        }
        if (!path.choosesVersion()) {
            // TF Serving's status query covers all versions; any pod with the stable version can answer it.
            return new RouteDecision(route.model(), null, Role.STABLE, path.unchanged(),
                    endpointsOf(route, route.stableVersion()), null);
        }
        return split(route, path, routingKey, random);
    }

    private static RouteDecision split(ModelRoute route, InferencePath path, String routingKey,
                                       RandomGenerator random) {
        int bucket = routingKey != null ? StickyHash.bucket(route.model(), routingKey) : random.nextInt(100);
        boolean canary = route.canaryVersion() != null && bucket < route.canaryWeight()
                && !endpointsOf(route, route.canaryVersion()).isEmpty();
        long chosen = canary ? route.canaryVersion() : route.stableVersion();
        List<String> endpoints = endpointsOf(route, chosen);
        if (endpoints.isEmpty()) {
            throw RoutingProblem.notFound("Servable not found for request: Latest(" + route.model()
                    + "): no pod serves version " + chosen);
        }
        return new RouteDecision(route.model(), chosen, canary ? Role.CANARY : Role.STABLE, path.pinnedTo(chosen),
                endpoints, shadow(route, path, chosen, random));
    }

    private static ShadowTarget shadow(ModelRoute route, InferencePath path, long chosen, RandomGenerator random) {
        Long shadow = route.shadowVersion();
        if (shadow == null || shadow == chosen || !path.isInference() || random.nextInt(100) >= route.shadowPercent()) {
            return null;
        }
        List<String> endpoints = endpointsOf(route, shadow);
        return endpoints.isEmpty() ? null : new ShadowTarget(shadow, path.pinnedTo(shadow), endpoints);
    }

    private static RouteDecision pinned(ModelRoute route, InferencePath path, long version, String request) {
        List<String> endpoints = endpointsOf(route, version);
        if (endpoints.isEmpty()) {
            throw RoutingProblem.notFound("Servable not found for request: " + request);
        }
        return new RouteDecision(route.model(), version, Role.PINNED, path.unchanged(), endpoints, null);
    }

    /** The pods the table lists for a version; empty when none serves it. */
    static List<String> endpointsOf(ModelRoute route, long version) {
        for (VersionEndpoints endpoints : route.endpoints()) {
            if (endpoints.version() == version) {
                return endpoints.endpoints();
            }
        }
        return List.of();
    }
}
