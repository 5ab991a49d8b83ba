package io.verso.registry.pipeline;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/models/{model}/pipeline-policy}.
 *
 * @param autoRollout             start a rollout when a registered version passes every gate
 * @param accuracyMetric          metric name in the versions' training metadata (e.g. {@code accuracy}); absent: no
 *                                accuracy gate
 * @param maxAccuracyDrop         ε: the version's metric must be at least the stable version's minus ε (default 0)
 * @param requireSchemaCompatible the serving signature must have the stable version's input names and dtypes
 * @param servingSignature        the signature compared (default {@code serving_default})
 * @param canaryWeight            percent of traffic the automatic canary starts with (default 10)
 */
record PolicyRequest(
        @NotNull(message = "is required") Boolean autoRollout,
        @Size(min = 1, max = 200, message = "must hold 1 to 200 characters") String accuracyMetric,
        @DecimalMin(value = "0", message = "must not be negative") Double maxAccuracyDrop,
        Boolean requireSchemaCompatible,
        @Pattern(regexp = "^[A-Za-z0-9_./-]{1,200}$", message = "must be a signature key such as serving_default")
        String servingSignature,
        @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100")
        Integer canaryWeight) {

    PipelinePolicy toPolicy() {
        return new PipelinePolicy(autoRollout, accuracyMetric, maxAccuracyDrop == null ? 0 : maxAccuracyDrop,
                requireSchemaCompatible != null && requireSchemaCompatible,
                servingSignature == null ? PipelinePolicy.DEFAULT_SIGNATURE : servingSignature,
                canaryWeight == null ? PipelinePolicy.DEFAULT_CANARY_WEIGHT : canaryWeight);
    }
}
