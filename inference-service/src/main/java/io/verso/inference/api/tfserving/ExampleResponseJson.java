package io.verso.inference.api.tfserving;

import io.verso.inference.api.Json;
import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code :classify} and {@code :regress} answers as TensorFlow Serving does:
 * {@code {"result": [[["label", score], ...], ...]}} (one list of classes per example; the label is empty when the
 * signature has no {@code classes} output) and {@code {"result": [value, ...]}}.
 */
final class ExampleResponseJson {

    static final String CLASSES = "classes";
    static final String SCORES = "scores";
    static final String REGRESSION_OUTPUT = "outputs";

    private ExampleResponseJson() {
    }

    static byte[] classification(Prediction prediction, int examples) {
        TensorValue classes = prediction.outputs().get(CLASSES);
        TensorValue scores = prediction.outputs().get(SCORES);
        if (classes == null && scores == null) {
            throw InferenceException.invalid("classification signature '" + prediction.signature().key()
                    + "' has neither a 'classes' nor a 'scores' output");
        }
        int perExample = perExample(classes != null ? classes : scores, examples);
        return write(out -> {
            for (int i = 0; i < examples; i++) {
                out.writeStartArray();
                for (int c = 0; c < perExample; c++) {
                    int at = i * perExample + c;
                    out.writeStartArray();
                    out.writeString(classes == null ? "" : new String(classes.bytes()[at], StandardCharsets.UTF_8));
                    if (scores != null) {
                        out.writeNumber(scores.floats()[at]);
                    }
                    out.writeEndArray();
                }
                out.writeEndArray();
            }
        });
    }

    static byte[] regression(Prediction prediction, int examples) {
        TensorValue outputs = prediction.outputs().get(REGRESSION_OUTPUT);
        if (outputs == null) {
            throw InferenceException.invalid("regression signature '" + prediction.signature().key()
                    + "' has no 'outputs' output");
        }
        if (perExample(outputs, examples) != 1) {
            throw InferenceException.invalid("regression output must hold one value per example, has shape "
                    + outputs);
        }
        return write(out -> {
            for (float value : outputs.floats()) {
                out.writeNumber(value);
            }
        });
    }

    private static int perExample(TensorValue tensor, int examples) {
        if (tensor.rank() == 0 || tensor.dim(0) != examples || tensor.elementCount() % examples != 0) {
            throw InferenceException.invalid("output " + tensor + " does not have one row per example ("
                    + examples + ")");
        }
        return tensor.elementCount() / examples;
    }

    private interface Body {
        void write(JsonGenerator out);
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeName("result");
            out.writeStartArray();
            body.write(out);
            out.writeEndArray();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
