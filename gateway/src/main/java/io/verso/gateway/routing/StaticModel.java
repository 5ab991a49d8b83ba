package io.verso.gateway.routing;

/**
 * A model's split as configured on the gateway itself: the whole route in static mode (no registry), and the
 * shadow setting over a registry route that names no shadow (the registry cannot set one yet).
 *
 * @param stableVersion the version unpinned requests go to; {@code null} leaves the path unchanged
 * @param canaryVersion canary version or {@code null}
 * @param canaryWeight  percent of unpinned requests for the canary
 * @param shadowVersion shadow version or {@code null}
 * @param shadowPercent percent of unpinned inference requests mirrored to the shadow
 */
public record StaticModel(Long stableVersion, Long canaryVersion, int canaryWeight, Long shadowVersion,
                          int shadowPercent) {

    public StaticModel {
        if (canaryWeight < 0 || canaryWeight > 100 || shadowPercent < 0 || shadowPercent > 100) {
            throw new IllegalArgumentException("canary-weight and shadow-percent must be 0-100");
        }
    }
}
