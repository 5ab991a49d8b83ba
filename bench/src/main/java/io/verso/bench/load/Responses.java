package io.verso.bench.load;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Predict.PredictResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the output tensor {@code y} back out of an answer of each protocol. Used on one probe request per cell,
 * before and after the load, to check that the server computes what the model computes in-process; the load
 * generators themselves only see statuses.
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
            case TFSERVING_GRPC -> grpcOutput(body);
        };
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

    /** A serialized PredictResponse: output {@code y} as packed {@code tensor_content} or as {@code float_val}. */
    private static float[] grpcOutput(byte[] message) {
        TensorProto y;
        try {
            y = PredictResponse.parseFrom(message).getOutputsOrThrow(Payloads.OUTPUT);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("not a PredictResponse: " + e.getMessage(), e);
        }
        if (!y.getTensorContent().isEmpty()) {
            float[] values = new float[y.getTensorContent().size() / Float.BYTES];
            y.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
        float[] values = new float[y.getFloatValCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = y.getFloatVal(i);
        }
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
