package io.verso.inference.api.v2;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Tensor values in the JSON of the Open Inference Protocol. Input {@code data} may be flat or nested row-major
 * (nesting is flattened, only the element count must match the shape); each element must be of the JSON kind its
 * datatype calls for: {@code true}/{@code false} for BOOL, integers within the type's range for the integer types,
 * numbers for the floating types (plus TensorFlow Serving's bare {@code NaN}/{@code Infinity}), strings for BYTES
 * (sent as their UTF-8 bytes). Output data is written flat, BYTES as UTF-8 strings.
 */
final class V2JsonCodec {

    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);
    /** Largest finite FP16 value; larger finite inputs would silently become infinity. */
    private static final double FP16_MAX = 65504;
    private static final int SHOWN_VALUE_CHARS = 40;

    private V2JsonCodec() {
    }

    /**
     * Reads the storage array of a {@link TensorValue} from JSON data.
     *
     * @throws InferenceException INVALID_ARGUMENT naming the input and the offending element
     */
    static Object decode(String name, DataType type, long[] shape, JsonNode data) {
        int count = elementCount(name, shape);
        long given = countLeaves(data);
        if (given != count) {
            throw InferenceException.invalid("input '" + name + "' has shape " + TensorShape.format(shape) + " ("
                    + count + " elements) but its data holds " + given + " elements");
        }
        Object storage = TensorValue.allocate(type, count);
        fill(new Target(name, type, storage), data, 0);
        return storage;
    }

    /**
     * The number of elements of a request shape, which must fit a Java array.
     *
     * @throws InferenceException INVALID_ARGUMENT naming the input when it does not
     */
    static int elementCount(String name, long[] shape) {
        long count = TensorShape.elementCount(shape);
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw InferenceException.invalid("input '" + name + "' has shape " + TensorShape.format(shape)
                    + ", too many elements for one tensor");
        }
        return (int) count;
    }

    /**
     * The value to put under {@code "data"} in a response: the storage array itself where JSON can show it
     * as is (Jackson writes primitive arrays without boxing), strings for BYTES, and unsigned numbers for UINT64.
     */
    static Object encode(TensorValue value) {
        return switch (value.dataType()) {
            case BYTES -> {
                byte[][] elements = value.bytes();
                String[] strings = new String[elements.length];
                for (int i = 0; i < elements.length; i++) {
                    strings[i] = new String(elements[i], StandardCharsets.UTF_8);
                }
                yield strings;
            }
            case UINT64 -> unsigned(value.longs());
            default -> value.data();
        };
    }

    private static Object unsigned(long[] values) {
        for (long v : values) {
            if (v < 0) {
                BigInteger[] out = new BigInteger[values.length];
                for (int i = 0; i < values.length; i++) {
                    out[i] = new BigInteger(Long.toUnsignedString(values[i]));
                }
                return out;
            }
        }
        return values;
    }

    private static long countLeaves(JsonNode node) {
        if (!node.isArray()) {
            return 1;
        }
        long count = 0;
        for (JsonNode child : node) {
            count += countLeaves(child);
        }
        return count;
    }

    /** Writes the leaves of {@code node} from {@code index} on; returns the next index. */
    private static int fill(Target target, JsonNode node, int index) {
        if (!node.isArray()) {
            target.set(index, node);
            return index + 1;
        }
        int next = index;
        for (JsonNode child : node) {
            next = fill(target, child, next);
        }
        return next;
    }

    /** One storage array being filled, with what error messages need. */
    private record Target(String name, DataType type, Object storage) {

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
                case BYTES -> {
                    if (!v.isString()) {
                        throw wrongValue(i, v, "a string");
                    }
                    ((byte[][]) storage)[i] = v.stringValue().getBytes(StandardCharsets.UTF_8);
                }
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

        private InferenceException wrongValue(int i, JsonNode v, String expected) {
            String shown = v.toString();
            if (shown.length() > SHOWN_VALUE_CHARS) {
                shown = shown.substring(0, SHOWN_VALUE_CHARS) + "...";
            }
            return InferenceException.invalid("input '" + name + "' has datatype " + type.v2Name() + " but element "
                    + i + " of its data is " + shown + "; expected " + expected);
        }
    }
}
