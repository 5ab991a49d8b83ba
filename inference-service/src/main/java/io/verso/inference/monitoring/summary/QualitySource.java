package io.verso.inference.monitoring.summary;

import java.util.Optional;

/**
 * Ground-truth quality of a version over its feedback window, for the summary. The feedback package scores
 * predictions; a bean of this type connects it (none yet: {@code FeedbackService} keeps its per-version quality
 * package-private, so summaries send null quality until it offers it).
 */
@FunctionalInterface
public interface QualitySource {

    /** Nothing known: quality fields stay null. */
    QualitySource NONE = (model, version) -> Optional.empty();

    Optional<VersionQuality> quality(String model, long version);

    /**
     * @param feedbackCount     scored rows in the window
     * @param accuracy          share correct (classification), else null
     * @param meanAbsoluteError mean absolute error (regression), else null
     */
    record VersionQuality(long feedbackCount, Double accuracy, Double meanAbsoluteError) {
    }
}
