package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.json.Json;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code :classify} and {@code :regress} answers as TensorFlow Serving does (the key is "results", as
 * tensorflow_serving/util/json_tensor.cc writes it, though api_rest.md's prose says "result"):
 * {@code {"results": [[["label", score], ...], ...]}} (one list of classes per example; the label is empty when the
 * signature has no {@code classes} output) and {@code {"results": [value, ...]}}.
 */
final class ExampleResponseJson {

    private ExampleResponseJson() {
    }

    static byte[] classification(Prediction prediction, int examples) {
        Examples.Classes classes = Examples.classes(prediction, examples);
        return write(out -> {
            for (int i = 0; i < examples; i++) {
                out.writeStartArray();
                for (int c = 0; c < classes.perExample(); c++) {
                    out.writeStartArray();
                    out.writeString(classes.label(i, c));
                    if (classes.hasScores()) {
                        out.writeNumber(classes.score(i, c));
                    }
                    out.writeEndArray();
                }
                out.writeEndArray();
            }
        });
    }

    static byte[] regression(Prediction prediction, int examples) {
        float[] values = Examples.regressions(prediction, examples);
        return write(out -> {
            for (float value : values) {
                out.writeNumber(value);
            }
        });
    }

    private interface Body {
        void write(JsonGenerator out);
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeName("results");
            out.writeStartArray();
            body.write(out);
            out.writeEndArray();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
