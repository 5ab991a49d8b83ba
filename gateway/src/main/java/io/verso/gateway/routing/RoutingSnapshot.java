package io.verso.gateway.routing;

import io.verso.contracts.ModelNames;
import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.contracts.VersionEndpoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable routing state: the registry's table (or the static one) with the gateway's shadow settings laid
 * over it, indexed by model. {@code fallback} is the pod that takes models the table does not list (static mode);
 * {@code null} in registry mode, where an unlisted model is unknown.
 */
public final class RoutingSnapshot {

    private final String revision;
    private final Map<String, ModelRoute> models = new LinkedHashMap<>();
    private final Map<String, Integer> grpcPorts = new HashMap<>();
    private final String fallback;

    private RoutingSnapshot(String revision, List<ModelRoute> routes, String fallback) {
        this.revision = revision;
        routes.forEach(route -> {
            models.put(route.model(), route);
            route.endpoints().forEach(version -> version.grpcPorts().forEach(grpcPorts::putIfAbsent));
        });
        this.fallback = fallback;
    }

    /** Registry mode before any table: every model is unknown. */
    public static RoutingSnapshot empty() {
        return new RoutingSnapshot(null, List.of(), null);
    }

    /** The registry's table; a model's configured shadow applies only where the registry names none. */
    public static RoutingSnapshot of(RoutingTable table, Map<String, StaticModel> configured) {
        List<ModelRoute> routes = table.models().stream().map(route -> withShadow(route, configured.get(route.model())))
                .toList();
        return new RoutingSnapshot(table.revision(), routes, null);
    }

    /** Static mode: every configured version is served by {@code inferenceUri}, which also takes unlisted models. */
    public static RoutingSnapshot ofStatic(Map<String, StaticModel> configured, String inferenceUri) {
        List<ModelRoute> routes = new ArrayList<>();
        configured.forEach((model, settings) -> {
            if (settings.stableVersion() == null) {
                return;
            }
            Set<Long> versions = new LinkedHashSet<>();
            versions.add(settings.stableVersion());
            if (settings.canaryVersion() != null) {
                versions.add(settings.canaryVersion());
            }
            if (settings.shadowVersion() != null) {
                versions.add(settings.shadowVersion());
            }
            Map<String, Long> labels = new LinkedHashMap<>();
            labels.put(ModelNames.STABLE, settings.stableVersion());
            if (settings.canaryVersion() != null) {
                labels.put(ModelNames.CANARY, settings.canaryVersion());
            }
            routes.add(new ModelRoute(model, settings.stableVersion(), settings.canaryVersion(),
                    settings.canaryVersion() == null ? 0 : settings.canaryWeight(), settings.canaryWeight(),
                    settings.shadowVersion(), settings.shadowVersion() == null ? 0 : settings.shadowPercent(), labels,
                    versions.stream().map(v -> new VersionEndpoints(v, List.of(inferenceUri), Map.of())).toList()));
        });
        return new RoutingSnapshot("static", routes, inferenceUri);
    }

    /** The table's revision; {@code null} before any table. */
    public String revision() {
        return revision;
    }

    public ModelRoute route(String model) {
        return models.get(model);
    }

    public String fallback() {
        return fallback;
    }

    /**
     * The gRPC port the pod at {@code endpoint} advertised through the registry; {@code null} when it advertised none
     * (a pod without gRPC or older than the field, an older registry, static mode).
     */
    public Integer grpcPort(String endpoint) {
        return grpcPorts.get(endpoint);
    }

    /** Every pod in the table (and the fallback), once each: the health prober's list. */
    public Set<String> allEndpoints() {
        Set<String> all = new LinkedHashSet<>();
        models.values().forEach(route -> route.endpoints().forEach(v -> all.addAll(v.endpoints())));
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }

    private static ModelRoute withShadow(ModelRoute route, StaticModel configured) {
        if (configured == null || configured.shadowVersion() == null || route.shadowVersion() != null) {
            return route;
        }
        return new ModelRoute(route.model(), route.stableVersion(), route.canaryVersion(), route.canaryWeight(),
                route.requestedCanaryWeight(), configured.shadowVersion(), configured.shadowPercent(), route.labels(),
                route.endpoints());
    }
}
