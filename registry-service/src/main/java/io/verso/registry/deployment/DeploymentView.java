package io.verso.registry.deployment;

import java.time.Instant;
import java.util.Map;

/**
 * A deployment as the API shows it ({@code GET .../deployment} and every transition's answer).
 *
 * @param previousStableVersion kept loaded on pods so that a rollback is instant; the default rollback target
 * @param labels                custom labels plus the derived {@code stable} and {@code canary}
 * @param revision              increases with every transition; the response's ETag is {@code "<revision>"}
 */
public record DeploymentView(String model, Long stableVersion, Long canaryVersion, int canaryWeight,
                             Long previousStableVersion, Map<String, Long> labels, DeploymentState state,
                             long revision, Instant updatedAt) {
}
