package io.verso.inference.model.json;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads tensors written as JSON. Each element must be of the JSON kind its datatype calls for: {@code true}/{@code
 * false} for BOOL, integers within range for the integer types, numbers for the floating types (with TensorFlow
 * Serving's bare {@code NaN}/{@code Infinity}; finite values beyond the type's range are refused rather than
 * silently turned into infinity), strings or {@code {"b64": "..."}} for BYTES. Every message names the input,
 * the element and what was expected.
 */
public final class JsonTensors {

    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);
    /** Largest finite FP16 value. */
    private static final double FP16_MAX = 65504;
    private static final int SHOWN_VALUE_CHARS = 40;

    private JsonTensors() {
    }

    /**
     * Reads a tensor whose shape is its nesting, as TensorFlow Serving's JSON writes it: {@code [[1,2],[3,4]]} is
     * {@code [2,2]}, a bare value is a scalar. The nesting must be rectangular.
     */
    public static TensorValue readNested(JsonNode node, DataType type, String input) {
        long[] shape = nestedShape(node);
        Object storage = TensorValue.allocate(type, elementCount(input, shape));
        int[] cursor = {0};
        fillRectangular(new Target(input, type, storage), node, shape, 0, cursor);
        return TensorValue.of(type, shape, storage);
    }

    /**
     * Reads a tensor of a given shape whose data is flat or nested in row-major order, as the Open Inference
     * Protocol writes it; only the element count must match the shape.
     */
    public static TensorValue readShaped(JsonNode data, DataType type, long[] shape, String input) {
        int count = elementCount(input, shape);
        List<JsonNode> leaves = new ArrayList<>(count);
        flatten(data, leaves, count + 1L);
        if (leaves.size() != count) {
            throw InferenceException.invalid("input '" + input + "' has shape " + TensorShape.format(shape) + " ("
                    + count + " elements) but its data holds " + (leaves.size() > count ? "more" : leaves.size())
                    + " elements");
        }
        Target target = new Target(input, type, TensorValue.allocate(type, count));
        for (int i = 0; i < count; i++) {
            target.set(i, leaves.get(i));
        }
        return TensorValue.of(type, shape, target.storage());
    }

    /**
     * The number of elements of a request shape, which must fit a Java array.
     *
     * @throws InferenceException INVALID_ARGUMENT naming the input when it does not
     */
    public static int elementCount(String input, long[] shape) {
        long count = TensorShape.elementCount(shape);
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw InferenceException.invalid("input '" + input + "' has shape " + TensorShape.format(shape)
                    + ", too many elements for one tensor");
        }
        return (int) count;
    }

    /** The shape implied by the first element at every depth; filling checks every other element against it. */
    private static long[] nestedShape(JsonNode node) {
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

    private static void fillRectangular(Target target, JsonNode node, long[] shape, int depth, int[] cursor) {
        boolean leafExpected = depth == shape.length;
        if (leafExpected == node.isArray() || (!leafExpected && node.size() != shape[depth])) {
            throw InferenceException.invalid("input '" + target.input() + "' is not a rectangular tensor: every "
                    + "element must have the shape implied by the first, " + TensorShape.format(shape));
        }
        if (leafExpected) {
            target.set(cursor[0]++, node);
            return;
        }
        for (JsonNode child : node) {
            fillRectangular(target, child, shape, depth + 1, cursor);
        }
    }

    /** Collects leaves in row-major order, stopping past {@code limit} so absurd bodies cost nothing more. */
    private static void flatten(JsonNode node, List<JsonNode> out, long limit) {
        if (out.size() >= limit) {
            return;
        }
        if (!node.isArray()) {
            out.add(node);
            return;
        }
        for (JsonNode child : node) {
            flatten(child, out, limit);
        }
    }

    /** One storage array being filled, with what error messages need. */
    private record Target(String input, DataType type, Object storage) {

        void set(int i, JsonNode v) {
            switch (type) {
                case BOOL -> {
                    if (!v.isBoolean()) {
                        throw wrongValue(i, v, "true or false");
                    }
                    ((boolean[]) storage)[i] = v.booleanValue();
                }
                case FP16 -> ((float[]) storage)[i] = (float) number(i, v, FP16_MAX);
                case BF16, FP32 -> ((float[]) storage)[i] = (float) number(i, v, Float.MAX_VALUE);
                case FP64 -> ((double[]) storage)[i] = number(i, v, Double.MAX_VALUE);
                case INT8 -> ((int[]) storage)[i] = (int) integer(i, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case UINT8 -> ((int[]) storage)[i] = (int) integer(i, v, 0, 0xFF);
                case INT16 -> ((int[]) storage)[i] = (int) integer(i, v, Short.MIN_VALUE, Short.MAX_VALUE);
                case UINT16 -> ((int[]) storage)[i] = (int) integer(i, v, 0, 0xFFFF);
                case INT32 -> ((int[]) storage)[i] = (int) integer(i, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case UINT32 -> ((long[]) storage)[i] = integer(i, v, 0, 0xFFFFFFFFL);
                case INT64 -> ((long[]) storage)[i] = integer(i, v, Long.MIN_VALUE, Long.MAX_VALUE);
                case UINT64 -> ((long[]) storage)[i] = unsigned64(i, v);
                case BYTES -> ((byte[][]) storage)[i] = bytes(i, v);
            }
        }

        private double number(int i, JsonNode v, double max) {
            if (!v.isNumber()) {
                throw wrongValue(i, v, "a number");
            }
            double d = v.doubleValue();
            if (Double.isFinite(d) && Math.abs(d) > max) {
                throw wrongValue(i, v, "a number within the range of " + type.v2Name());
            }
            return d;
        }

        private long integer(int i, JsonNode v, long min, long max) {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
                throw wrongValue(i, v, "an integer from " + min + " to " + max);
            }
            return v.longValue();
        }

        private long unsigned64(int i, JsonNode v) {
            if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0
                    || v.bigIntegerValue().compareTo(UINT64_LIMIT) >= 0) {
                throw wrongValue(i, v, "an integer from 0 to " + UINT64_LIMIT.subtract(BigInteger.ONE));
            }
            // Values above Long.MAX_VALUE keep their bits: TensorValue stores UINT64 in two's complement.
            return v.bigIntegerValue().longValue();
        }

        private byte[] bytes(int i, JsonNode v) {
            if (v.isString()) {
                return v.stringValue().getBytes(StandardCharsets.UTF_8);
            }
            JsonNode b64 = v.isObject() && v.size() == 1 ? v.get("b64") : null;
            if (b64 == null || !b64.isString()) {
                throw wrongValue(i, v, "a string or {\"b64\": \"...\"}");
            }
            try {
                return Base64.getDecoder().decode(b64.stringValue());
            } catch (IllegalArgumentException e) {
                throw wrongValue(i, v, "valid base64 (" + e.getMessage() + ")");
            }
        }

        private InferenceException wrongValue(int i, JsonNode v, String expected) {
            String shown = v.toString();
            if (shown.length() > SHOWN_VALUE_CHARS) {
                shown = shown.substring(0, SHOWN_VALUE_CHARS) + "...";
            }
            return InferenceException.invalid("input '" + input + "' has datatype " + type.v2Name() + " but element "
                    + i + " of its data is " + shown + "; expected " + expected);
        }
    }
}
