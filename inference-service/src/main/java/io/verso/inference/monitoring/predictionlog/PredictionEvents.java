package io.verso.inference.monitoring.predictionlog;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import io.verso.inference.model.json.JsonTensorWriter;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * One prediction as the two CloudEvents KServe's payload logger sends, so consumers written for it work
 * unchanged: {@value #REQUEST_TYPE} carrying the inputs and {@value #RESPONSE_TYPE} carrying the outputs, both with
 * the request id as {@code id} and the model as the {@code inferenceservicename} extension. The data is Open
 * Inference Protocol (V2) JSON whatever API the client used:
 * <pre>
 * request:  {"id": "...", "inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 3], "data": [...]}]}
 * response: {"id": "...", "model_name": "m", "model_version": "3", "outputs": [...]}
 * </pre>
 * Extensions {@code modelversion} and, when tracing is on, {@code traceid} (the call's W3C trace id) join the
 * events to the registry's versions and to traces. A body over the size limit keeps a prefix of each tensor's data
 * ({@code "parameters": {"truncated": true}}), as the file log does.
 */
final class PredictionEvents {

    static final String REQUEST_TYPE = "org.kubeflow.serving.inference.request";
    static final String RESPONSE_TYPE = "org.kubeflow.serving.inference.response";

    private final URI source;
    private final int maxBytes;

    PredictionEvents(URI source, int maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    List<CloudEvent> of(InferenceRecord record, Instant time) {
        return List.of(event(record, time, REQUEST_TYPE, body(record, false)),
                event(record, time, RESPONSE_TYPE, body(record, true)));
    }

    private CloudEvent event(InferenceRecord record, Instant time, String type, byte[] data) {
        CloudEventBuilder event = CloudEventBuilder.v1().withId(record.requestId()).withSource(source).withType(type)
                .withTime(time.atOffset(ZoneOffset.UTC)).withData("application/json", data)
                .withExtension("inferenceservicename", record.model())
                .withExtension("modelversion", Long.toString(record.version()));
        if (record.traceId() != null) {
            event.withExtension("traceid", record.traceId());
        }
        return event.build();
    }

    private byte[] body(InferenceRecord record, boolean response) {
        Map<String, TensorValue> tensors = response ? record.outputs() : record.inputs();
        return Truncation.fit(maxBytes, Truncation.largest(tensors),
                (limit, truncated) -> body(record, response, tensors, limit, truncated));
    }

    private static byte[] body(InferenceRecord record, boolean response, Map<String, TensorValue> tensors, int limit,
                               boolean truncated) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringProperty("id", record.requestId());
            if (response) {
                out.writeStringProperty("model_name", record.model());
                out.writeStringProperty("model_version", Long.toString(record.version()));
            }
            if (truncated) {
                out.writeName("parameters");
                out.writeStartObject();
                out.writeBooleanProperty("truncated", true);
                out.writeEndObject();
            }
            out.writeName(response ? "outputs" : "inputs");
            out.writeStartArray();
            // Sorted: the same call always gives the same body.
            for (Map.Entry<String, TensorValue> tensor : new TreeMap<>(tensors == null ? Map.of() : tensors)
                    .entrySet()) {
                TensorValue value = tensor.getValue();
                out.writeStartObject();
                out.writeStringProperty("name", tensor.getKey());
                out.writeStringProperty("datatype", value.dataType().name());
                out.writeName("shape");
                out.writeArray(value.shape(), 0, value.rank());
                out.writeName("data");
                JsonTensorWriter.writeFlat(out, value, limit, false);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
