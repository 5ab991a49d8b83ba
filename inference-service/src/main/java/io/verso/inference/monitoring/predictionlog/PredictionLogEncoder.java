package io.verso.inference.monitoring.predictionlog;

import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import io.verso.inference.model.json.JsonTensorWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * Writes one prediction as one JSON line:
 * <pre>
 * {"request_id": "...", "time": "2026-11-26T05:00:00.123Z", "model": "m", "version": 3,
 *  "signature": "serving_default", "api": "v2", "method": "infer", "trace_id": "4bf92f35...", "truncated": false,
 *  "inputs": {"x": {"datatype": "FP32", "shape": [2, 3], "data": [1.0, ...]}}, "outputs": {...}}
 * </pre>
 * Tensors use the V2 form (flat row-major {@code data} with the full {@code shape}); byte strings are text when
 * UTF-8, else {@code {"b64": "..."}}. {@code trace_id} (the call's W3C trace id) is left out when tracing is off. A record over {@code maxBytes} keeps every tensor's shape but only a prefix
 * of each tensor's data, halved until it fits: its tensors carry {@code "truncated": true} and so does the record.
 */
final class PredictionLogEncoder {

    private final int maxBytes;

    PredictionLogEncoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The line, ending with a newline. */
    byte[] encode(InferenceRecord record, Instant time) {
        return Truncation.fit(maxBytes, Truncation.largest(record.inputs(), record.outputs()),
                (limit, truncated) -> encode(record, time, limit, truncated));
    }

    private static byte[] encode(InferenceRecord record, Instant time, int limit, boolean truncated) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringProperty("request_id", record.requestId());
            out.writeStringProperty("time", time.toString());
            out.writeStringProperty("model", record.model());
            out.writeNumberProperty("version", record.version());
            out.writeStringProperty("signature", record.signature());
            out.writeStringProperty("api", record.api());
            out.writeStringProperty("method", record.method());
            if (record.traceId() != null) {
                out.writeStringProperty("trace_id", record.traceId());
            }
            out.writeBooleanProperty("truncated", truncated);
            writeTensors(out, "inputs", record.inputs(), limit);
            writeTensors(out, "outputs", record.outputs(), limit);
            out.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeTensors(JsonGenerator out, String name, Map<String, TensorValue> tensors, int limit) {
        out.writeName(name);
        out.writeStartObject();
        // Sorted: the same call always gives the same line.
        for (Map.Entry<String, TensorValue> tensor : new TreeMap<>(tensors == null ? Map.of() : tensors).entrySet()) {
            TensorValue value = tensor.getValue();
            out.writeName(tensor.getKey());
            out.writeStartObject();
            out.writeStringProperty("datatype", value.dataType().name());
            out.writeName("shape");
            out.writeArray(value.shape(), 0, value.rank());
            out.writeName("data");
            JsonTensorWriter.writeFlat(out, value, limit, false);
            if (value.elementCount() > limit) {
                out.writeBooleanProperty("truncated", true);
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }
}
