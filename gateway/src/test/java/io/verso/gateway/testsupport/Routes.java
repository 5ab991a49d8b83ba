package io.verso.gateway.testsupport;

import io.verso.contracts.ModelRoute;
import io.verso.contracts.VersionEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ModelRoute}s for tests without the nine-argument constructor at every call. */
public final class Routes {

    private final String model;
    private long stable = 1;
    private Long canary;
    private int weight;
    private Long shadow;
    private int shadowPercent;
    private final Map<String, Long> labels = new LinkedHashMap<>();
    private final List<Map.Entry<Long, List<String>>> pods = new ArrayList<>();
    private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();

    private Routes(String model) {
        this.model = model;
    }

    public static Routes model(String model) {
        return new Routes(model);
    }

    public Routes stable(long version, String... pods) {
        stable = version;
        labels.put("stable", version);
        this.pods.add(Map.entry(version, List.of(pods)));
        return this;
    }

    public Routes canary(long version, int canaryWeight, String... pods) {
        canary = version;
        weight = canaryWeight;
        labels.put("canary", version);
        this.pods.add(Map.entry(version, List.of(pods)));
        return this;
    }

    public Routes shadow(long version, int percent, String... pods) {
        shadow = version;
        shadowPercent = percent;
        this.pods.add(Map.entry(version, List.of(pods)));
        return this;
    }

    public Routes label(String label, long version) {
        labels.put(label, version);
        return this;
    }

    /** The gRPC port {@code pod} advertises, listed with it under every version it serves. */
    public Routes grpcPort(String pod, int port) {
        grpcPorts.put(pod, port);
        return this;
    }

    public ModelRoute build() {
        List<VersionEndpoints> endpoints = new ArrayList<>();
        for (Map.Entry<Long, List<String>> version : pods) {
            Map<String, Integer> advertised = new LinkedHashMap<>(grpcPorts);
            advertised.keySet().retainAll(version.getValue());
            endpoints.add(new VersionEndpoints(version.getKey(), version.getValue(), advertised));
        }
        return new ModelRoute(model, stable, canary, weight, weight, shadow, shadowPercent, labels, endpoints);
    }
}
