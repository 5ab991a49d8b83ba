package io.verso.contracts;

import java.util.List;

/**
 * The pods that can serve one version.
 *
 * @param version   version number
 * @param endpoints base URLs of the pods (as they reported them in {@link PodStatus#endpoint()}), sorted
 */
public record VersionEndpoints(long version, List<String> endpoints) {

    public VersionEndpoints {
        endpoints = List.copyOf(endpoints);
    }
}
