package io.verso.inference.api;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a tensor written as nested JSON arrays (or a scalar): the nesting gives the shape, which must be
 * rectangular, and every leaf must be a value of the expected type. Binary strings may be written as
 * {@code {"b64": "..."}}, as TensorFlow Serving accepts. Messages name the input and the offending value.
 */
public final class JsonTensorReader {

    private JsonTensorReader() {
    }

    public static TensorValue read(JsonNode node, DataType type, String input) {
        long[] shape = shapeOf(node);
        long count = TensorShape.elementCount(shape);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw InferenceException.invalid("input '" + input + "' is too large: shape " + TensorShape.format(shape));
        }
        Object storage = TensorValue.allocate(type, (int) count);
        int[] cursor = {0};
        fill(node, shape, 0, storage, cursor, type, input);
        return TensorValue.of(type, shape, storage);
    }

    /** The shape implied by the first element at every depth; {@link #fill} then checks every other element. */
    static long[] shapeOf(JsonNode node) {
        List<Long> dims = new ArrayList<>();
        JsonNode current = node;
        while (current.isArray()) {
            dims.add((long) current.size());
            if (current.isEmpty()) {
                break;
            }
            current = current.get(0);
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static void fill(JsonNode node, long[] shape, int depth, Object storage, int[] cursor, DataType type,
                             String input) {
        if (depth == shape.length) {
            if (node.isArray()) {
                throw ragged(input, shape);
            }
            setElement(storage, cursor[0]++, node, type, input);
            return;
        }
        if (!node.isArray() || node.size() != shape[depth]) {
            throw ragged(input, shape);
        }
        for (JsonNode child : node) {
            fill(child, shape, depth + 1, storage, cursor, type, input);
        }
    }

    private static InferenceException ragged(String input, long[] shape) {
        return InferenceException.invalid("input '" + input + "' is not a rectangular tensor: expecting every "
                + "element to have the shape implied by the first, " + TensorShape.format(shape));
    }

    /** Stores one JSON value at {@code index} of a {@link TensorValue} storage array of {@code type}. */
    public static void setElement(Object storage, int index, JsonNode value, DataType type, String input) {
        switch (type) {
            case FP16, BF16, FP32 -> ((float[]) storage)[index] = (float) number(value, type, input);
            case FP64 -> ((double[]) storage)[index] = number(value, type, input);
            case BOOL -> {
                if (!value.isBoolean()) {
                    throw wrongType(value, type, input);
                }
                ((boolean[]) storage)[index] = value.asBoolean();
            }
            case BYTES -> ((byte[][]) storage)[index] = bytes(value, input);
            case INT8, INT16, INT32, UINT8, UINT16 -> ((int[]) storage)[index] = (int) integer(value, type, input);
            case INT64, UINT32, UINT64 -> ((long[]) storage)[index] = integer(value, type, input);
        }
    }

    private static double number(JsonNode value, DataType type, String input) {
        if (!value.isNumber()) {
            throw wrongType(value, type, input);
        }
        return value.doubleValue();
    }

    private static long integer(JsonNode value, DataType type, String input) {
        if (!value.isIntegralNumber()) {
            throw wrongType(value, type, input);
        }
        if (type == DataType.UINT64) {
            return unsigned64(value, input);
        }
        if (!value.canConvertToLong() || !fits(value.longValue(), type)) {
            throw InferenceException.invalid("input '" + input + "': " + value + " is out of range for "
                    + type.tfName());
        }
        return value.longValue();
    }

    private static long unsigned64(JsonNode value, String input) {
        java.math.BigInteger big = value.bigIntegerValue();
        if (big.signum() < 0 || big.bitLength() > 64) {
            throw InferenceException.invalid("input '" + input + "': " + value + " is out of range for DT_UINT64");
        }
        return big.longValue();
    }

    private static boolean fits(long v, DataType type) {
        return switch (type) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            default -> true;
        };
    }

    private static byte[] bytes(JsonNode value, String input) {
        if (value.isString()) {
            return value.stringValue().getBytes(StandardCharsets.UTF_8);
        }
        if (value.isObject() && value.size() == 1 && value.get("b64") != null && value.get("b64").isString()) {
            try {
                return Base64.getDecoder().decode(value.get("b64").stringValue());
            } catch (IllegalArgumentException e) {
                throw InferenceException.invalid("input '" + input + "': invalid base64 in {\"b64\": ...}: "
                        + e.getMessage());
            }
        }
        throw wrongType(value, DataType.BYTES, input);
    }

    private static InferenceException wrongType(JsonNode value, DataType type, String input) {
        String shown = value.toString();
        if (shown.length() > 64) {
            shown = shown.substring(0, 64) + "...";
        }
        return InferenceException.invalid("input '" + input + "': JSON value " + shown + " (" + value.getNodeType()
                + ") is not of the expected type " + type.tfName());
    }
}
