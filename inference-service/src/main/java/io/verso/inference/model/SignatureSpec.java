package io.verso.inference.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A callable signature of a servable, as declared in the model: its key ({@code serving_default}), method
 * ({@code tensorflow/serving/predict}, {@code .../classify}, {@code .../regress}) and inputs and outputs in
 * declaration order.
 */
public record SignatureSpec(String key, String methodName, Map<String, TensorSpec> inputs,
                            Map<String, TensorSpec> outputs) {

    public static final String DEFAULT_KEY = "serving_default";
    public static final String PREDICT_METHOD = "tensorflow/serving/predict";
    public static final String CLASSIFY_METHOD = "tensorflow/serving/classify";
    public static final String REGRESS_METHOD = "tensorflow/serving/regress";

    public SignatureSpec {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
}
