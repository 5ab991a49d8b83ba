package io.verso.registry.deployment;

import io.verso.contracts.ModelNames;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where one deployment routes: its stable version, canary and weight, the previous stable kept for rollback, and
 * its labels. An immutable value: transitions map one routing to the next. (Not the rollout engine's state; that
 * is {@code rollout.Rollout}.)
 *
 * @param stable         version that takes the traffic the canary does not; {@code null} before the first promotion
 * @param canary         version under evaluation, or {@code null}
 * @param canaryWeight   percent of traffic for the canary, 0–100; 0 without a canary
 * @param previousStable the stable version before the last promotion: kept loaded on pods so that a rollback is a
 *                       routing change; cleared by a rollback, because the version rolled back from is the bad one
 * @param labels         custom label → version (the derived {@code stable} and {@code canary} are not stored here)
 */
public record DeploymentRouting(Long stable, Long canary, int canaryWeight, Long previousStable,
                                Map<String, Long> labels) {

    public static final DeploymentRouting EMPTY = new DeploymentRouting(null, null, 0, null, Map.of());

    public DeploymentRouting {
        if (canaryWeight < 0 || canaryWeight > 100) {
            throw new IllegalArgumentException("canary weight must be 0–100, but was " + canaryWeight);
        }
        if (canary != null && stable == null) {
            throw new IllegalArgumentException("a canary needs a stable version");
        }
        if (canary == null && canaryWeight != 0) {
            throw new IllegalArgumentException("a weight needs a canary");
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public DeploymentState state() {
        if (stable == null) {
            return DeploymentState.EMPTY;
        }
        return canary == null ? DeploymentState.STABLE : DeploymentState.CANARY;
    }

    /** Custom labels plus {@code stable} and, while one runs, {@code canary}. */
    public Map<String, Long> effectiveLabels() {
        Map<String, Long> all = new TreeMap<>(labels);
        if (stable != null) {
            all.put(ModelNames.STABLE, stable);
        }
        if (canary != null) {
            all.put(ModelNames.CANARY, canary);
        }
        return Collections.unmodifiableMap(all);
    }

    /** Every version pods must hold for this deployment. */
    public Set<Long> heldVersions() {
        Set<Long> held = new TreeSet<>(labels.values());
        if (stable != null) {
            held.add(stable);
        }
        if (canary != null) {
            held.add(canary);
        }
        if (previousStable != null) {
            held.add(previousStable);
        }
        return Collections.unmodifiableSet(held);
    }
}
