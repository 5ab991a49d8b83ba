package io.verso.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * What a training pipeline records with a version: the {@code metadata} part of a registration, kept by the
 * registry and shown with the version. Every field is optional. The registry validates it with the annotations
 * (Jakarta Validation is an optional dependency here: other users need not have it).
 *
 * @param dataset  reference to the training data (URI, table and snapshot...)
 * @param metrics  evaluation metrics, e.g. {@code auc → 0.93}; a model's pipeline policy gates on them
 * @param features input name → baseline statistics of the training data, which drift checks compare with
 * @param tags     free key/value pairs (commit, pipeline run, hyper-parameters...)
 */
public record TrainingMetadata(
        @Size(max = 2000, message = "must be at most 2000 characters") String dataset,
        Map<String, Double> metrics,
        Map<String, @Valid FeatureBaseline> features,
        Map<String, String> tags) {

    /** A version registered without metadata. */
    public static final TrainingMetadata NONE = new TrainingMetadata(null, null, null, null);
}
