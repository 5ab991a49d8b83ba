package io.verso.gateway.routing;

import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.contracts.VersionEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails static when a new table would leave a model's stable version without pods while the current one has some.
 * The registry lists only pods whose status report has not expired, and a registry that could not take reports for
 * a while (its database was down longer than the pods' time-to-live) publishes, as it recovers, tables in which
 * every pod has expired until each sends its next heartbeat. Those pods never stopped serving: routing to the last
 * pods known to serve the version keeps requests succeeding, and a pod that really is gone is taken out by the
 * health probe and its circuit breaker. A later table that lists pods for the version replaces the kept ones.
 * Canaries and pinned versions are left as the table says: a canary without pods gets no traffic by design.
 */
final class LastKnownPods {

    // java.lang's logger: the routing core stays framework-free (Spring Boot routes it to the application's logs).
    private static final System.Logger log = System.getLogger(LastKnownPods.class.getName());

    private LastKnownPods() {
    }

    static RoutingTable keepStablePods(RoutingTable next, RoutingSnapshot current) {
        List<ModelRoute> routes = new ArrayList<>(next.models().size());
        for (ModelRoute route : next.models()) {
            routes.add(withKeptStablePods(route, current.route(route.model())));
        }
        return new RoutingTable(next.revision(), routes);
    }

    private static ModelRoute withKeptStablePods(ModelRoute route, ModelRoute before) {
        long stable = route.stableVersion();
        if (before == null || !Router.endpointsOf(route, stable).isEmpty()
                || Router.endpointsOf(before, stable).isEmpty()) {
            return route;
        }
        // Kept whole: the pods' advertised gRPC ports stay with them.
        VersionEndpoints kept = before.endpoints().stream().filter(e -> e.version() == stable).findFirst()
                .orElseThrow();
        log.log(System.Logger.Level.WARNING, "Routing table lists no pod for model {0} stable version {1}; "
                + "keeping the last known {2}", route.model(), stable, kept.endpoints());
        List<VersionEndpoints> endpoints = new ArrayList<>();
        route.endpoints().stream().filter(e -> e.version() != stable).forEach(endpoints::add);
        endpoints.add(kept);
        return new ModelRoute(route.model(), stable, route.canaryVersion(), route.canaryWeight(),
                route.requestedCanaryWeight(), route.shadowVersion(), route.shadowPercent(), route.labels(),
                endpoints);
    }
}
