package io.verso.registry.pipeline;

import java.time.Instant;

/** A model's pipeline policy as the API shows it. */
record PolicyView(String model, boolean autoRollout, String accuracyMetric, double maxAccuracyDrop,
                  boolean requireSchemaCompatible, String servingSignature, int canaryWeight, String updatedBy,
                  Instant updatedAt) {
}
