package io.verso.registry.model;

import io.verso.contracts.FeatureBaseline;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * What a training pipeline records with a version ({@code metadata} part of a registration). Every field is
 * optional.
 *
 * @param dataset  reference to the training data (URI, table and snapshot...)
 * @param metrics  evaluation metrics, e.g. {@code auc → 0.93}
 * @param features input name → baseline statistics of the training data
 * @param tags     free key/value pairs (commit, pipeline run...)
 */
public record TrainingMetadata(
        @Size(max = 2000, message = "must be at most 2000 characters") String dataset,
        Map<String, Double> metrics,
        Map<String, @Valid FeatureBaseline> features,
        Map<String, String> tags) {

    static final TrainingMetadata NONE = new TrainingMetadata(null, null, null, null);
}
