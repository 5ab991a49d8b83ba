package io.verso.inference.api.v2;

import io.verso.inference.api.BinaryTensorCodec;
import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a prediction as a V2 infer response. Outputs come in the order the client asked for them, or in the
 * signature's order when it asked for none. An output marked binary carries
 * {@code parameters.binary_data_size} instead of {@code data}, and its raw bytes follow the JSON header in the
 * same order. Runs on the inference thread that completed the prediction, not on the event loop.
 */
final class V2ResponseWriter {

    private V2ResponseWriter() {
    }

    static V2Response write(Prediction prediction, V2InferRequest request) {
        List<String> names = request.outputs().isEmpty() ? List.copyOf(prediction.outputs().keySet())
                : request.outputs().stream().map(V2RequestedOutput::name).toList();
        List<Map<String, Object>> outputs = new ArrayList<>(names.size());
        List<byte[]> binaries = new ArrayList<>();
        for (String name : names) {
            TensorValue value = prediction.outputs().get(name);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("name", name);
            output.put("datatype", value.dataType().v2Name());
            output.put("shape", value.shape());
            if (request.isBinary(name)) {
                byte[] raw = BinaryTensorCodec.encode(value);
                binaries.add(raw);
                output.put("parameters", Map.of("binary_data_size", raw.length));
            } else {
                output.put("data", V2OutputData.encode(value));
            }
            outputs.add(output);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_name", prediction.model());
        response.put("model_version", Long.toString(prediction.version()));
        if (request.id() != null) {
            response.put("id", request.id());
        }
        response.put("outputs", outputs);
        byte[] json = Json.MAPPER.writeValueAsBytes(response);
        if (binaries.isEmpty()) {
            return new V2Response(json, -1);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(
                json.length + binaries.stream().mapToInt(b -> b.length).sum());
        body.writeBytes(json);
        binaries.forEach(body::writeBytes);
        return new V2Response(body.toByteArray(), json.length);
    }
}
