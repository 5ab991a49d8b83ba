package io.verso.contracts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pods that can serve one version.
 *
 * @param version   version number
 * @param endpoints base URLs of the pods (as they reported them in {@link PodStatus#endpoint()}), sorted
 * @param grpcPorts endpoint → the gRPC port its pod advertised ({@link PodStatus#grpcPort()}), sorted by endpoint,
 *                  for the endpoints whose pod advertised one; empty when none did. A gateway reaches an endpoint
 *                  missing here by its own setting. Absent from the tables of registries older than the field,
 *                  which read as empty
 */
public record VersionEndpoints(long version, List<String> endpoints, Map<String, Integer> grpcPorts) {

    public VersionEndpoints {
        endpoints = List.copyOf(endpoints);
        grpcPorts = grpcPorts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(grpcPorts));
    }
}
