package io.verso.bench.load;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the output tensor {@code y} back out of an answer of each protocol. Used on one probe request per cell,
 * before the load starts, to check that the server computes what the model computes in-process; during the load
 * only {@link #plausible} runs, because parsing every answer would make the client the bottleneck.
 */
public final class Responses {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Responses() {
    }

    /**
     * The output values, flat in row-major order.
     *
     * @param headerLength the answer's {@code Inference-Header-Content-Length}, null when absent
     */
    public static float[] outputs(Protocol protocol, String headerLength, byte[] body) {
        return switch (protocol) {
            case TFSERVING_JSON -> flatFloats(MAPPER.readTree(body).required("predictions"));
            case V2_JSON -> flatFloats(firstOutput(MAPPER.readTree(body)).required("data"));
            case V2_BINARY -> binaryOutput(headerLength, body);
        };
    }

    /**
     * A cheap check for every answer under load: a binary answer must be exactly its JSON header plus the output's
     * bytes; a JSON answer must at least be an object.
     */
    public static boolean plausible(Payload payload, int status, String headerLength, int bodyLength, byte firstByte) {
        if (status != 200 || bodyLength == 0) {
            return false;
        }
        if (payload.protocol() == Protocol.V2_BINARY) {
            return headerLength != null
                    && Integer.parseInt(headerLength) + payload.outputValues() * Float.BYTES == bodyLength;
        }
        return firstByte == '{';
    }

    private static float[] binaryOutput(String headerLength, byte[] body) {
        if (headerLength == null) {
            throw new IllegalStateException("binary answer without " + Payloads.HEADER_LENGTH);
        }
        int jsonLength = Integer.parseInt(headerLength);
        JsonNode output = firstOutput(MAPPER.readTree(new String(body, 0, jsonLength,
                java.nio.charset.StandardCharsets.UTF_8)));
        int size = output.required("parameters").required("binary_data_size").intValue();
        if (jsonLength + size != body.length) {
            throw new IllegalStateException("binary answer of " + body.length + " bytes is not its header ("
                    + jsonLength + ") plus binary_data_size " + size);
        }
        float[] values = new float[size / Float.BYTES];
        ByteBuffer.wrap(body, jsonLength, size).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static JsonNode firstOutput(JsonNode root) {
        return root.required("outputs").required(0);
    }

    private static float[] flatFloats(JsonNode node) {
        java.util.List<Float> values = new java.util.ArrayList<>();
        collect(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, java.util.List<Float> into) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        } else {
            into.add(node.floatValue());
        }
    }
}
