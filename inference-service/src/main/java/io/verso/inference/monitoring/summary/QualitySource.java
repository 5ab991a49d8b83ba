package io.verso.inference.monitoring.summary;

import java.util.Optional;

/**
 * Ground-truth quality of a version over its feedback window, for the summary. The feedback package scores
 * predictions; the configuration connects it with a bean of this type, so this package needs no feedback types.
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
