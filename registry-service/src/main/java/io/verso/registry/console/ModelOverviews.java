package io.verso.registry.console;

import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.contracts.VersionEndpoints;
import io.verso.registry.analysis.MonitoringAnalysis;
import io.verso.registry.analysis.VersionMonitoring;
import io.verso.registry.audit.EventView;
import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.deployment.DeploymentView;
import io.verso.registry.error.RegistryException;
import io.verso.registry.feed.LiveChanges;
import io.verso.registry.model.ModelService;
import io.verso.registry.model.ModelView;
import io.verso.registry.rollout.RolloutService;
import io.verso.registry.rollout.RolloutView;
import io.verso.registry.web.PageView;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads what the console's pages show from the registry's own services: a model's deployment, its latest rollout,
 * its last audit event, the pods serving each version (from the routing table the gateways get) and each served
 * version's monitoring. Read-only; every change goes through the services' transitions.
 */
@Component
class ModelOverviews {

    /** One row of the models page and the head of a model's page. */
    record Overview(ModelView model, DeploymentView deployment, RolloutView rollout, EventView lastChange,
                    Map<Long, Integer> podsByVersion) {

        public int pods(Long version) {
            return version == null ? 0 : podsByVersion.getOrDefault(version, 0);
        }
    }

    /** Canary and stable side by side, as the evidence charts plot them. */
    record Evidence(long revision, VersionMonitoring stable, VersionMonitoring canary) {
    }

    private final ModelService models;
    private final DeploymentService deployments;
    private final RolloutService rollouts;
    private final MonitoringAnalysis monitoring;
    private final LiveChanges live;

    ModelOverviews(ModelService models, DeploymentService deployments, RolloutService rollouts,
                   MonitoringAnalysis monitoring, LiveChanges live) {
        this.models = models;
        this.deployments = deployments;
        this.rollouts = rollouts;
        this.monitoring = monitoring;
        this.live = live;
    }

    PageView<Overview> search(String query, int page, int size) {
        PageView<ModelView> found = models.search(query, page, size);
        Map<String, Map<Long, Integer>> pods = podsByModel(live.routingTable());
        List<Overview> rows = found.items().stream()
                .map(m -> overview(m, pods.getOrDefault(m.name(), Map.of())))
                .toList();
        return new PageView<>(rows, found.page(), found.size(), found.totalElements(), found.totalPages());
    }

    Overview get(String name) {
        return overview(models.get(name), podsByModel(live.routingTable()).getOrDefault(name, Map.of()));
    }

    Evidence evidence(String name) {
        DeploymentView deployment = deployments.get(name);
        return new Evidence(deployment.revision(), monitored(name, deployment.stableVersion()),
                monitored(name, deployment.canaryVersion()));
    }

    private VersionMonitoring monitored(String name, Long version) {
        return version == null ? null : monitoring.version(name, version);
    }

    private Overview overview(ModelView model, Map<Long, Integer> pods) {
        DeploymentView deployment = deployments.get(model.name());
        List<EventView> last = deployments.history(model.name(), 0, 1).items();
        return new Overview(model, deployment, rollout(model.name()).orElse(null),
                last.isEmpty() ? null : last.get(0), pods);
    }

    /** The model's latest rollout, if it ever had one. */
    Optional<RolloutView> rollout(String name) {
        try {
            return Optional.of(rollouts.get(name));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Map<String, Map<Long, Integer>> podsByModel(RoutingTable table) {
        Map<String, Map<Long, Integer>> pods = new HashMap<>();
        for (ModelRoute route : table.models()) {
            Map<Long, Integer> byVersion = new LinkedHashMap<>();
            for (VersionEndpoints endpoints : route.endpoints()) {
                byVersion.put(endpoints.version(), endpoints.endpoints().size());
            }
            pods.put(route.model(), byVersion);
        }
        return pods;
    }
}
