package io.verso.bench.load;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;

/**
 * Builds the request body of each protocol for a batch of FP32 rows with one input {@code x} and one output
 * {@code y}. Floats are written with {@link Float#toString}, which round-trips exactly, so the JSON and binary
 * requests carry identical tensors and their answers can be checked against the same reference.
 */
public final class Payloads {

    public static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    static final String INPUT = "x";
    static final String OUTPUT = "y";

    private Payloads() {
    }

    /** {@code rows × width} fixed-seed values in [-1, 1), so every run sends the same numbers. */
    public static float[] randomRows(int rows, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    public static Payload build(Protocol protocol, String model, float[] values, int rows, int width, int outputWidth) {
        if (values.length != rows * width) {
            throw new IllegalArgumentException(values.length + " values are not " + rows + " rows of " + width);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        switch (protocol) {
            case TFSERVING_JSON -> {
                headers.put("Content-Type", "application/json");
                body = tfServingJson(values, rows, width);
            }
            case V2_JSON -> {
                headers.put("Content-Type", "application/json");
                body = v2Json(values, rows, width);
            }
            case V2_BINARY -> {
                headers.put("Content-Type", "application/octet-stream");
                byte[] header = v2BinaryHeader(rows, width);
                headers.put(HEADER_LENGTH, Integer.toString(header.length));
                body = concat(header, littleEndian(values));
            }
            case TFSERVING_GRPC -> {
                headers.put("content-type", "application/grpc");
                headers.put("te", "trailers");
                body = grpcFrame(predictRequest(model, values, rows, width).toByteArray());
            }
            default -> throw new IllegalArgumentException(protocol.name());
        }
        return new Payload(protocol, protocol.path(model), Map.copyOf(headers), body, rows, rows * outputWidth);
    }

    /** {@code {"instances": [[...], ...]}}: TensorFlow Serving's row format, one nested list per row. */
    static byte[] tfServingJson(float[] values, int rows, int width) {
        StringBuilder json = new StringBuilder(values.length * 12 + 32).append("{\"instances\":[");
        for (int r = 0; r < rows; r++) {
            json.append(r == 0 ? "[" : ",[");
            appendFloats(json, values, r * width, width);
            json.append(']');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A V2 request with the tensor's data flat in row-major order, as Triton's clients send it. */
    static byte[] v2Json(float[] values, int rows, int width) {
        StringBuilder json = new StringBuilder(values.length * 12 + 128).append("{\"inputs\":[{\"name\":\"")
                .append(INPUT).append("\",\"shape\":[").append(rows).append(',').append(width)
                .append("],\"datatype\":\"FP32\",\"data\":[");
        appendFloats(json, values, 0, values.length);
        return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** TF Serving's Predict with the input packed in {@code tensor_content}, as its Python and Java clients send it. */
    static PredictRequest predictRequest(String model, float[] values, int rows, int width) {
        return PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName(model))
                .putInputs(INPUT, TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                        .setTensorShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(rows))
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(width)))
                        .setTensorContent(ByteString.copyFrom(littleEndian(values))).build())
                .build();
    }

    /** gRPC's framing of one uncompressed message: a zero flag byte and the length as a big-endian int. */
    static byte[] grpcFrame(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** The message inside a {@link #grpcFrame}. */
    public static byte[] grpcMessage(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, 5, frame.length);
    }

    /** The JSON header of a binary request: the input's bytes follow it, and the output is asked for as binary too. */
    static byte[] v2BinaryHeader(int rows, int width) {
        return ("{\"inputs\":[{\"name\":\"" + INPUT + "\",\"shape\":[" + rows + "," + width
                + "],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":" + (rows * width * Float.BYTES)
                + "}}],\"outputs\":[{\"name\":\"" + OUTPUT + "\",\"parameters\":{\"binary_data\":true}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Triton's binary tensor layout for FP32: row-major, little-endian. */
    static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static void appendFloats(StringBuilder json, float[] values, int from, int count) {
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(values[from + i]);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
