package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import io.verso.inference.model.json.JsonTensorWriter;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a prediction as TensorFlow Serving does. Row format: {@code "predictions"} holds one entry per batch
 * element, a plain value when the signature has one output and an object of named outputs otherwise. Columnar
 * format: {@code "outputs"} holds the whole tensor, or an object of them. Byte-string outputs whose key ends with
 * {@code _bytes} are sent as {@code {"b64": ...}}.
 */
final class PredictResponseJson {

    private PredictResponseJson() {
    }

    static byte[] write(Prediction prediction, boolean rowFormat) {
        Map<String, TensorValue> outputs = prediction.outputs();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            if (rowFormat) {
                out.writeName("predictions");
                writeRows(out, outputs);
            } else {
                out.writeName("outputs");
                writeColumns(out, outputs);
            }
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void writeRows(JsonGenerator out, Map<String, TensorValue> outputs) {
        int batch = batchSize(outputs);
        boolean single = outputs.size() == 1;
        out.writeStartArray();
        for (int i = 0; i < batch; i++) {
            if (single) {
                Map.Entry<String, TensorValue> only = outputs.entrySet().iterator().next();
                JsonTensorWriter.writeSlice(out, only.getValue(), i, isBytesKey(only.getKey()));
            } else {
                out.writeStartObject();
                for (Map.Entry<String, TensorValue> e : outputs.entrySet()) {
                    out.writeName(e.getKey());
                    JsonTensorWriter.writeSlice(out, e.getValue(), i, isBytesKey(e.getKey()));
                }
                out.writeEndObject();
            }
        }
        out.writeEndArray();
    }

    /** Every output must share dimension 0 to be split into rows, as TensorFlow Serving requires. */
    private static int batchSize(Map<String, TensorValue> outputs) {
        int batch = -1;
        for (Map.Entry<String, TensorValue> e : outputs.entrySet()) {
            TensorValue t = e.getValue();
            if (t.rank() == 0) {
                throw InferenceException.invalid("output '" + e.getKey() + "' is a scalar and cannot be split into "
                        + "instances; use the columnar format ('inputs')");
            }
            if (batch >= 0 && t.dim(0) != batch) {
                throw InferenceException.invalid("output '" + e.getKey() + "' has inconsistent batch size: "
                        + t.dim(0) + " expecting: " + batch);
            }
            batch = (int) t.dim(0);
        }
        return Math.max(batch, 0);
    }

    private static void writeColumns(JsonGenerator out, Map<String, TensorValue> outputs) {
        if (outputs.size() == 1) {
            Map.Entry<String, TensorValue> only = outputs.entrySet().iterator().next();
            JsonTensorWriter.write(out, only.getValue(), isBytesKey(only.getKey()));
            return;
        }
        out.writeStartObject();
        for (Map.Entry<String, TensorValue> e : outputs.entrySet()) {
            out.writeName(e.getKey());
            JsonTensorWriter.write(out, e.getValue(), isBytesKey(e.getKey()));
        }
        out.writeEndObject();
    }

    private static boolean isBytesKey(String key) {
        return key.endsWith("_bytes");
    }
}
