package io.verso.gateway.routing;

import io.verso.contracts.RoutingTable;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routing state requests read now. Replaced whole on each new table, so a request sees one consistent table
 * and never waits for an update.
 */
public final class CurrentRouting implements Supplier<RoutingSnapshot> {

    private final Map<String, StaticModel> configured;
    private volatile RoutingSnapshot snapshot;

    private CurrentRouting(Map<String, StaticModel> configured, RoutingSnapshot initial) {
        this.configured = Map.copyOf(configured);
        this.snapshot = initial;
    }

    /** Registry mode: routes {@code initial} (the cached table, or none yet) until the feed delivers. */
    public static CurrentRouting fromRegistry(RoutingTable initial, Map<String, StaticModel> configured) {
        return new CurrentRouting(configured,
                initial == null ? RoutingSnapshot.empty() : RoutingSnapshot.of(initial, configured));
    }

    /** Static mode: the configured models, everything else unchanged to {@code inferenceUri}. */
    public static CurrentRouting fixed(Map<String, StaticModel> configured, String inferenceUri) {
        return new CurrentRouting(configured, RoutingSnapshot.ofStatic(configured, inferenceUri));
    }

    /** The new table, except that a stable version it leaves without pods keeps its last known ones. */
    public void update(RoutingTable table) {
        snapshot = RoutingSnapshot.of(LastKnownPods.keepStablePods(table, snapshot), configured);
    }

    @Override
    public RoutingSnapshot get() {
        return snapshot;
    }
}
