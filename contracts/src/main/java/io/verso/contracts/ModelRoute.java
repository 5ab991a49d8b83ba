package io.verso.contracts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The traffic split of one model.
 *
 * @param model                 model name
 * @param stableVersion         the version that takes {@code 100 - canaryWeight} percent of the traffic
 * @param canaryVersion         the canary under evaluation, or {@code null} when none runs
 * @param canaryWeight          percent (0–100) of traffic the gateway sends to the canary now. It is 0 until at
 *                              least one pod reports the canary AVAILABLE, even when the operator asked for more
 * @param requestedCanaryWeight the weight the operator set; differs from {@code canaryWeight} while the canary
 *                              is not available anywhere
 * @param shadowVersion         a version that receives a copy of {@code shadowPercent} percent of the unpinned
 *                              requests (its answers are compared and discarded), or {@code null} for none
 * @param shadowPercent         percent (0–100) of unpinned requests mirrored to {@code shadowVersion}; 0 without one
 * @param labels                version label → version number (with the derived {@code stable} and {@code canary}),
 *                              sorted by label, for clients that pin a label
 * @param endpoints             per version, the pods that report it AVAILABLE; versions nobody serves are absent
 */
public record ModelRoute(String model, long stableVersion, Long canaryVersion, int canaryWeight,
                         int requestedCanaryWeight, Long shadowVersion, int shadowPercent, Map<String, Long> labels,
                         List<VersionEndpoints> endpoints) {

    public ModelRoute {
        Objects.requireNonNull(model, "model");
        if (shadowPercent < 0 || shadowPercent > 100 || (shadowVersion == null && shadowPercent != 0)) {
            throw new IllegalArgumentException("shadowPercent must be 0-100, and 0 without a shadowVersion, but was "
                    + shadowPercent + " for shadow version " + shadowVersion);
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        endpoints = List.copyOf(endpoints);
    }
}
