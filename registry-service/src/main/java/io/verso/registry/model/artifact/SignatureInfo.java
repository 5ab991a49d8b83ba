package io.verso.registry.model.artifact;

import java.util.Map;

/**
 * A serving signature of a SavedModel.
 *
 * @param name    signature key (e.g. {@code serving_default})
 * @param method  method name (e.g. {@code tensorflow/serving/predict})
 * @param inputs  input key → tensor, sorted by key
 * @param outputs output key → tensor, sorted by key
 */
public record SignatureInfo(String name, String method, Map<String, TensorSpec> inputs,
                            Map<String, TensorSpec> outputs) {
}
