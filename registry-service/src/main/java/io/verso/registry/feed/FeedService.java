package io.verso.registry.feed;

import io.verso.contracts.DesiredModel;
import io.verso.contracts.DesiredState;
import io.verso.contracts.DesiredVersion;
import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.contracts.ServingState;
import io.verso.contracts.VersionEndpoints;
import io.verso.contracts.VersionRole;
import io.verso.contracts.VersionStatus;
import io.verso.registry.deployment.DeploymentRouting;
import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.deployment.ServingDeployment;
import io.verso.registry.model.ModelService;
import io.verso.registry.model.ModelVersion;
import io.verso.registry.model.VersionView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the feeds from the deployments, the versions and the live pod reports. Each carries a revision that is a
 * hash of its content (artifact URLs relative, so the host a client used does not matter): equal content, equal
 * revision, on every replica and after restarts.
 */
@Service
class FeedService {

    private static final TypeReference<List<VersionStatus>> VERSIONS = new TypeReference<>() {
    };

    private final DeploymentService deployments;
    private final ModelService models;
    private final PodReportRepository reports;
    private final JsonMapper json;
    private final Clock clock;

    FeedService(DeploymentService deployments, ModelService models, PodReportRepository reports, JsonMapper json,
                Clock clock) {
        this.deployments = deployments;
        this.models = models;
        this.reports = reports;
        this.json = json;
        this.clock = clock;
    }

    /** Artifact URLs are paths ({@code /api/v1/models/...}); {@link #forClient} makes them absolute. */
    @Transactional(readOnly = true)
    public DesiredState desiredState() {
        List<ServingDeployment> serving = sorted(deployments.serving());
        Map<Long, Map<Long, ModelVersion>> versions = versionsOf(serving);
        List<DesiredModel> desired = new ArrayList<>();
        for (ServingDeployment deployment : serving) {
            DeploymentRouting routing = deployment.routing();
            List<DesiredVersion> held = new ArrayList<>();
            for (long number : routing.heldVersions()) {
                ModelVersion version = versions.getOrDefault(deployment.modelId(), Map.of()).get(number);
                if (version != null) {
                    held.add(new DesiredVersion(number, roles(routing, number),
                            VersionView.artifactPath(deployment.model(), number), version.getSha256(),
                            version.getSizeBytes(), version.getFormat(), models.baselines(version)));
                }
            }
            desired.add(new DesiredModel(deployment.model(), held, routing.effectiveLabels()));
        }
        return new DesiredState(revision(desired), desired);
    }

    @Transactional(readOnly = true)
    public RoutingTable routingTable() {
        List<PodReport> live = reports.findByLeaseExpiresAtAfter(clock.instant());
        Map<String, Map<Long, Set<String>>> available = availableEndpoints(live);
        Map<String, Integer> grpcPorts = grpcPorts(live);
        List<ModelRoute> routes = new ArrayList<>();
        for (ServingDeployment deployment : sorted(deployments.serving())) {
            DeploymentRouting routing = deployment.routing();
            Map<Long, Set<String>> byVersion = available.getOrDefault(deployment.model(), Map.of());
            List<VersionEndpoints> endpoints = routing.heldVersions().stream()
                    .filter(byVersion::containsKey)
                    .map(v -> new VersionEndpoints(v, List.copyOf(byVersion.get(v)),
                            advertised(byVersion.get(v), grpcPorts)))
                    .toList();
            // A canary nobody can serve would turn its share of requests into errors: no traffic until one can.
            boolean canaryServed = routing.canary() != null && byVersion.containsKey(routing.canary());
            routes.add(new ModelRoute(deployment.model(), routing.stable(), routing.canary(),
                    canaryServed ? routing.canaryWeight() : 0, routing.canaryWeight(),
                    // Shadow traffic is not set through the registry yet; gateways may configure it themselves.
                    null, 0, routing.effectiveLabels(), endpoints));
        }
        return new RoutingTable(revision(routes), routes);
    }

    /**
     * The same state as one client receives it: absolute artifact URLs and, when the store hands them out, fresh
     * presigned direct URLs. The revision is unchanged because the content is.
     */
    DesiredState forClient(DesiredState state, String baseUrl) {
        return new DesiredState(state.revision(), state.models().stream().map(m -> new DesiredModel(m.model(),
                m.versions().stream().map(v -> new DesiredVersion(v.version(), v.roles(), baseUrl + v.artifactUrl(),
                        v.sha256(), v.sizeBytes(), v.format(), v.features(),
                        models.directUrl(v.sha256(), v.format()).orElse(null))).toList(), m.labels())).toList());
    }

    /** model → version → endpoints of live pods that report it AVAILABLE. */
    private Map<String, Map<Long, Set<String>>> availableEndpoints(List<PodReport> live) {
        Map<String, Map<Long, Set<String>>> available = new TreeMap<>();
        for (PodReport report : live) {
            for (VersionStatus status : json.readValue(report.getVersionsJson(), VERSIONS)) {
                if (status.state() == ServingState.AVAILABLE) {
                    available.computeIfAbsent(status.model(), m -> new TreeMap<>())
                            .computeIfAbsent(status.version(), v -> new TreeSet<>()).add(report.getEndpoint());
                }
            }
        }
        return available;
    }

    /**
     * endpoint → the gRPC port its live pod advertises. Two live reports share an endpoint only while a replaced pod
     * has not expired yet; the first by pod id wins, so the table (and its revision) stays a function of the live
     * reports rather than of the order they arrived in.
     */
    private static Map<String, Integer> grpcPorts(List<PodReport> live) {
        Map<String, Integer> ports = new TreeMap<>();
        live.stream().filter(report -> report.getGrpcPort() != null)
                .sorted(Comparator.comparing(PodReport::getPodId))
                .forEach(report -> ports.putIfAbsent(report.getEndpoint(), report.getGrpcPort()));
        return ports;
    }

    /** The advertised gRPC ports of {@code endpoints}; those whose pod advertises none are left out. */
    private static Map<String, Integer> advertised(Set<String> endpoints, Map<String, Integer> grpcPorts) {
        Map<String, Integer> advertised = new TreeMap<>();
        endpoints.stream().filter(grpcPorts::containsKey).forEach(e -> advertised.put(e, grpcPorts.get(e)));
        return advertised;
    }

    private Map<Long, Map<Long, ModelVersion>> versionsOf(List<ServingDeployment> serving) {
        Set<Long> modelIds = serving.stream().map(ServingDeployment::modelId).collect(Collectors.toSet());
        Set<Long> numbers = serving.stream().flatMap(d -> d.routing().heldVersions().stream())
                .collect(Collectors.toSet());
        return models.versions(modelIds, numbers);
    }

    private static Set<VersionRole> roles(DeploymentRouting routing, long version) {
        Set<VersionRole> roles = EnumSet.noneOf(VersionRole.class);
        if (routing.stable() != null && routing.stable() == version) {
            roles.add(VersionRole.STABLE);
        }
        if (routing.canary() != null && routing.canary() == version) {
            roles.add(VersionRole.CANARY);
        }
        if (routing.previousStable() != null && routing.previousStable() == version) {
            roles.add(VersionRole.PREVIOUS_STABLE);
        }
        if (routing.labels().containsValue(version)) {
            roles.add(VersionRole.LABELED);
        }
        return roles;
    }

    private static List<ServingDeployment> sorted(List<ServingDeployment> serving) {
        return serving.stream().sorted(Comparator.comparing(ServingDeployment::model)).toList();
    }

    /** 80 bits of SHA-256 over the content's JSON: collisions are not a practical concern for change detection. */
    private String revision(Object content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(content)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
