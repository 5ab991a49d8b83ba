package io.verso.inference.dataplane;

import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import java.util.Map;

/** The answer to one request: which version and signature ran, and the outputs by key. */
public record Prediction(String model, long version, SignatureSpec signature, Map<String, TensorValue> outputs) {
}
