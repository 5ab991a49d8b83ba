package io.verso.contracts;

import java.util.List;

/**
 * A pod's report of what it serves: {@code POST /api/v1/feed/pod-status}, sent periodically (well within the
 * registry's pod time-to-live, {@code verso.registry.feed.pod-ttl}, 30 s by default) and whenever a version
 * changes state. A pod that stops reporting expires and leaves the routing table. Each report replaces the
 * previous one of the same pod entirely.
 *
 * @param podId    stable identity of the pod (e.g. the Kubernetes pod name), 1–253 characters
 * @param endpoint base URL the gateway reaches the pod at (http or https)
 * @param grpcPort the port of the pod's gRPC API on the endpoint's host (1–65535), or {@code null} when the pod
 *                 serves no gRPC. Absent from the reports of pods older than the field, which read as {@code null}
 * @param versions the state of every version the pod holds or tried to load
 */
public record PodStatus(String podId, String endpoint, Integer grpcPort, List<VersionStatus> versions) {

    public PodStatus {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
