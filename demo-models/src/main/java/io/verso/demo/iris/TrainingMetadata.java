package io.verso.demo.iris;

import io.verso.contracts.FeatureBaseline;
import java.util.Map;

/**
 * The {@code metadata} part of a registration, as the registry takes it (registry-service's
 * {@code io.verso.registry.model.TrainingMetadata}; the registry owns the validating copy).
 *
 * @param dataset  where the training data came from
 * @param metrics  evaluation metrics, e.g. {@code test_accuracy}
 * @param features input feature name → baseline statistics of the training rows
 * @param tags     hyper-parameters and how the model was trained
 */
public record TrainingMetadata(String dataset, Map<String, Double> metrics, Map<String, FeatureBaseline> features,
                               Map<String, String> tags) {
}
