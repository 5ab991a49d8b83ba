package io.verso.inference.model.json;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the inference APIs. TensorFlow Serving reads and writes {@code NaN}, {@code Infinity} and
 * {@code -Infinity} as bare tokens, so this mapper does too (standard JSON has no spelling for them).
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private Json() {
    }
}
