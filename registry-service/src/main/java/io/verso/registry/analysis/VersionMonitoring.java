package io.verso.registry.analysis;

import io.verso.contracts.LatencyHistogram;
import java.time.Instant;
import java.util.List;

/**
 * One model version's monitoring across the pods whose summaries are live: what canary analysis compares.
 *
 * @param pods              pods whose summaries count
 * @param windowSeconds     the longest window among them
 * @param requests          calls, summed over pods
 * @param errors            failed calls, summed
 * @param errorRate         {@code errors / requests}, so pods weigh by their traffic; null without requests
 * @param latency           the pods' latency histograms added up
 * @param latencyP50Ms      median of the merged histogram (bucket upper bound); null without requests
 * @param latencyP99Ms      99th percentile of the merged histogram (bucket upper bound); null without requests
 * @param maxPsi            the largest PSI any pod saw on any feature; null when none measured
 * @param driftBreaches     features any pod flags as drifted, sorted
 * @param feedbackCount     predictions with ground truth, summed; null when no pod has feedback
 * @param accuracy          accuracy weighted by each pod's feedback count; null when none
 * @param meanAbsoluteError MAE weighted by each pod's feedback count; null when none
 * @param updatedAt         the latest report among the pods; null when there is none
 */
public record VersionMonitoring(String model, long version, int pods, long windowSeconds, long requests,
                                long errors, Double errorRate, LatencyHistogram latency, Double latencyP50Ms,
                                Double latencyP99Ms, Double maxPsi, List<String> driftBreaches, Long feedbackCount,
                                Double accuracy, Double meanAbsoluteError, Instant updatedAt) {
}
