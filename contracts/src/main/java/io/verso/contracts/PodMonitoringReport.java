package io.verso.contracts;

import java.util.List;

/**
 * A pod's monitoring summaries: {@code POST /api/v1/feed/monitoring} with the machine token, sent periodically
 * (every 15 s by default). Each report replaces the pod's previous summaries; they expire unless sent again
 * ({@code verso.registry.analysis.summary-ttl}, 60 s by default).
 *
 * @param podId     the pod's identity, as in its {@link PodStatus}
 * @param summaries one per model version the pod served or holds a baseline for
 */
public record PodMonitoringReport(String podId, List<MonitoringSummary> summaries) {

    public PodMonitoringReport {
        summaries = summaries == null ? List.of() : List.copyOf(summaries);
    }
}
