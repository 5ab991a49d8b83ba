package io.verso.inference.monitoring;

import io.verso.inference.dataplane.InferenceRecord;
import java.util.Set;

/**
 * Which calls make up the sample that canary analysis judges a version by (the monitoring summary's traffic and
 * the drift windows). The gateway names why each call went to its version in {@value #ROUTE_HEADER} and overwrites
 * whatever a client sent there: {@code stable}, {@code canary} or {@code shadow} when its weighted split chose,
 * {@code pinned} when the client named the version or a label, {@code sticky} when the client's routing key chose.
 * Calls the client steered are served and metered as usual but left out of the sample, so that no client can fill
 * a canary's sample with calls of its choosing; calls without the header (a pod called directly, as TensorFlow
 * Serving is) count.
 */
public final class AnalysisSample {

    public static final String ROUTE_HEADER = "x-verso-route";
    private static final Set<String> STEERED = Set.of("pinned", "sticky");

    private AnalysisSample() {
    }

    /** Whether the call was routed by the gateway's split (or not through a gateway at all). */
    public static boolean routed(InferenceRecord record) {
        String route = record.headers().get(ROUTE_HEADER);
        return route == null || !STEERED.contains(route);
    }

    /**
     * Whether the call counts towards its version's error rate and latency: routed, and either answered or failed
     * by the version's own fault. A call the version refused as malformed says nothing about the version.
     */
    public static boolean countsForTraffic(InferenceRecord record) {
        return routed(record) && (record.succeeded() || record.versionFault());
    }
}
