package io.verso.contracts;

import java.util.List;

/**
 * What one pod saw of one model version over its recent window: traffic, errors, latency, drift and (with
 * ground-truth feedback) quality. Pods send them in a {@link PodMonitoringReport}; the registry adds up the live
 * pods' summaries per version for canary analysis.
 *
 * @param model           model name
 * @param version         version number
 * @param windowSeconds   the span the figures cover (the pod's sliding window)
 * @param requests        finished calls in the window
 * @param errors          calls among them that failed
 * @param latency         total latency of the calls, in the shared buckets
 * @param latencyP50Ms    the pod's median latency (bucket upper bound); null without requests
 * @param latencyP99Ms    the pod's 99th percentile latency (bucket upper bound); null without requests
 * @param maxPsi          the largest population stability index over the version's baseline features; null
 *                        without a baseline or values
 * @param driftBreaches   features whose drift is above a threshold (judged windows only), sorted
 * @param feedbackCount   predictions joined with a ground-truth label in the window; null when the pod has no
 *                        feedback
 * @param accuracy        share of correct predictions among {@code feedbackCount} (classification); null if n/a
 * @param meanAbsoluteError mean absolute error among {@code feedbackCount} (regression); null if n/a
 */
public record MonitoringSummary(String model, long version, long windowSeconds, long requests, long errors,
                                LatencyHistogram latency, Double latencyP50Ms, Double latencyP99Ms, Double maxPsi,
                                List<String> driftBreaches, Long feedbackCount, Double accuracy,
                                Double meanAbsoluteError) {

    public MonitoringSummary {
        driftBreaches = driftBreaches == null ? List.of() : List.copyOf(driftBreaches);
        latency = latency == null ? LatencyHistogram.empty() : latency;
    }
}
