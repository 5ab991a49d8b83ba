package io.verso.registry.pipeline;

/**
 * What a model asks of a newly registered version, and what happens when it qualifies; see {@link PolicyRequest}
 * for the fields.
 */
record PipelinePolicy(boolean autoRollout, String accuracyMetric, double maxAccuracyDrop,
                      boolean requireSchemaCompatible, String servingSignature, int canaryWeight) {

    static final String DEFAULT_SIGNATURE = "serving_default";
    static final int DEFAULT_CANARY_WEIGHT = 10;
}
