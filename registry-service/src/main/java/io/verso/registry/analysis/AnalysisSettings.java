package io.verso.registry.analysis;

import java.time.Duration;

/**
 * @param summaryTtl how long a pod's monitoring summary counts; pods send one every 15 s by default
 */
public record AnalysisSettings(Duration summaryTtl) {
}
