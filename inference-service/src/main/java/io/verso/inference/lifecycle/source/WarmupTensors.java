package io.verso.inference.lifecycle.source;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the tensors of {@link JsonWarmup}'s file into {@link TensorValue}s. The API codecs have their own
 * readers, but lifecycle adapters must not depend on the API packages, and warmup files only need the plain
 * Open Inference Protocol tensor: a datatype, a shape and the values.
 */
final class WarmupTensors {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private WarmupTensors() {
    }

    static TensorValue decode(String key, JsonWarmup.WarmupTensor tensor) {
        if (tensor == null || tensor.datatype() == null || tensor.shape() == null || tensor.data() == null) {
            throw new IllegalArgumentException("input '" + key + "' needs datatype, shape and data");
        }
        DataType type = DataType.fromV2Name(tensor.datatype()).orElseThrow(() -> new IllegalArgumentException(
                "input '" + key + "' has the unknown datatype '" + tensor.datatype() + "'; one of "
                        + Arrays.stream(DataType.values()).map(DataType::v2Name).toList()));
        long count = TensorShape.elementCount(tensor.shape());
        List<JsonNode> values = new ArrayList<>();
        flatten(tensor.data(), values);
        if (count != values.size()) {
            throw new IllegalArgumentException("input '" + key + "' has shape " + TensorShape.format(tensor.shape())
                    + ", which needs " + count + " values, but data holds " + values.size());
        }
        Object data = TensorValue.allocate(type, values.size());
        for (int i = 0; i < values.size(); i++) {
            try {
                set(type, data, i, values.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input '" + key + "' value #" + i + " (" + values.get(i) + ") is "
                        + "not " + type.v2Name() + ": " + e.getMessage(), e);
            }
        }
        return TensorValue.of(type, tensor.shape(), data);
    }

    /** Nested arrays are read in row-major order, as the flat form is. */
    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node);
        }
    }

    private static void set(DataType type, Object data, int i, JsonNode value) {
        switch (type) {
            case FP16, BF16, FP32 -> ((float[]) data)[i] = (float) number(value);
            case FP64 -> ((double[]) data)[i] = number(value);
            case INT8 -> ((int[]) data)[i] = (int) integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> ((int[]) data)[i] = (int) integer(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> ((int[]) data)[i] = (int) integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT8 -> ((int[]) data)[i] = (int) integer(value, 0, 255);
            case UINT16 -> ((int[]) data)[i] = (int) integer(value, 0, 65_535);
            case UINT32 -> ((long[]) data)[i] = integer(value, 0, 4_294_967_295L);
            case INT64 -> ((long[]) data)[i] = integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case UINT64 -> ((long[]) data)[i] = unsigned64(value);
            case BOOL -> ((boolean[]) data)[i] = bool(value);
            case BYTES -> ((byte[][]) data)[i] = string(value).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static double number(JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("expected a number");
        }
        return value.doubleValue();
    }

    private static long integer(JsonNode value, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("expected an integer");
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Stored in two's complement above {@code Long.MAX_VALUE}, as {@link TensorValue} documents. */
    private static long unsigned64(JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("expected an integer");
        }
        BigInteger v = value.bigIntegerValue();
        if (v.signum() < 0 || v.compareTo(UINT64_MAX) > 0) {
            throw new IllegalArgumentException("out of range [0, " + UINT64_MAX + "]");
        }
        return v.longValue();
    }

    private static boolean bool(JsonNode value) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("expected true or false");
        }
        return value.booleanValue();
    }

    private static String string(JsonNode value) {
        if (!value.isString()) {
            throw new IllegalArgumentException("expected a string");
        }
        return value.stringValue();
    }
}
