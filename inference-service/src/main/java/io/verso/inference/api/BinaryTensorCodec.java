package io.verso.inference.api;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.JsonTensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensors in the raw layout of Triton's binary tensor extension, V2 gRPC's raw contents and TensorFlow's
 * {@code tensor_content}: elements row-major and little-endian, BOOL as one
 * byte each, FP16 and BF16 as their 16-bit patterns, and BYTES as a 4-byte little-endian length before each
 * element. Fixed-width types move through one bulk {@link ByteBuffer} view per tensor; only types whose storage
 * array in {@link TensorValue} is wider than the wire type take a primitive widening loop.
 */
public final class BinaryTensorCodec {

    private BinaryTensorCodec() {
    }

    /**
     * Reads the storage array of a {@link TensorValue} from raw bytes.
     *
     * @throws InferenceException INVALID_ARGUMENT, naming the input, when the byte count does not fit the shape
     */
    public static Object decode(String name, DataType type, long[] shape, ByteBuffer raw) {
        int count = JsonTensors.elementCount(name, shape);
        ByteBuffer in = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.BYTES) {
            return decodeBytes(name, shape, count, in);
        }
        long expected = (long) count * type.byteSize();
        if (in.remaining() != expected) {
            throw InferenceException.invalid("input '" + name + "' has " + in.remaining()
                    + " bytes of binary data but shape " + TensorShape.format(shape) + " of " + type.v2Name() + " needs " + expected
                    + " bytes");
        }
        return switch (type) {
            case FP32 -> {
                float[] out = new float[count];
                in.asFloatBuffer().get(out);
                yield out;
            }
            case FP64 -> {
                double[] out = new double[count];
                in.asDoubleBuffer().get(out);
                yield out;
            }
            case INT32 -> {
                int[] out = new int[count];
                in.asIntBuffer().get(out);
                yield out;
            }
            case INT64, UINT64 -> {
                long[] out = new long[count];
                in.asLongBuffer().get(out);
                yield out;
            }
            case UINT32 -> {
                int[] raw32 = new int[count];
                in.asIntBuffer().get(raw32);
                long[] out = new long[count];
                for (int i = 0; i < count; i++) {
                    out[i] = raw32[i] & 0xFFFFFFFFL;
                }
                yield out;
            }
            case INT8, UINT8 -> {
                byte[] raw8 = new byte[count];
                in.get(raw8);
                int[] out = new int[count];
                int mask = type == DataType.UINT8 ? 0xFF : -1;
                for (int i = 0; i < count; i++) {
                    out[i] = raw8[i] & mask;
                }
                yield out;
            }
            case INT16, UINT16 -> {
                short[] raw16 = new short[count];
                in.asShortBuffer().get(raw16);
                int[] out = new int[count];
                int mask = type == DataType.UINT16 ? 0xFFFF : -1;
                for (int i = 0; i < count; i++) {
                    out[i] = raw16[i] & mask;
                }
                yield out;
            }
            case FP16, BF16 -> {
                short[] raw16 = new short[count];
                in.asShortBuffer().get(raw16);
                float[] out = new float[count];
                for (int i = 0; i < count; i++) {
                    out[i] = type == DataType.FP16 ? HalfFloats.halfToFloat(raw16[i])
                            : HalfFloats.bfloat16ToFloat(raw16[i]);
                }
                yield out;
            }
            case BOOL -> {
                byte[] raw8 = new byte[count];
                in.get(raw8);
                boolean[] out = new boolean[count];
                for (int i = 0; i < count; i++) {
                    out[i] = raw8[i] != 0;
                }
                yield out;
            }
            case BYTES -> throw new IllegalStateException("BYTES is decoded above");
        };
    }

    /** The raw bytes of a tensor, ready to follow the JSON header of a response. */
    public static byte[] encode(TensorValue value) {
        DataType type = value.dataType();
        int count = value.elementCount();
        if (type == DataType.BYTES) {
            return encodeBytes(value.bytes());
        }
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(count, type.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FP32 -> out.asFloatBuffer().put(value.floats());
            case FP64 -> out.asDoubleBuffer().put(value.doubles());
            case INT32 -> out.asIntBuffer().put(value.ints());
            case INT64, UINT64 -> out.asLongBuffer().put(value.longs());
            case UINT32 -> {
                int[] narrow = new int[count];
                long[] wide = value.longs();
                for (int i = 0; i < count; i++) {
                    narrow[i] = (int) wide[i];
                }
                out.asIntBuffer().put(narrow);
            }
            case INT8, UINT8 -> {
                int[] wide = value.ints();
                for (int i = 0; i < count; i++) {
                    out.put(i, (byte) wide[i]);
                }
            }
            case INT16, UINT16 -> {
                short[] narrow = new short[count];
                int[] wide = value.ints();
                for (int i = 0; i < count; i++) {
                    narrow[i] = (short) wide[i];
                }
                out.asShortBuffer().put(narrow);
            }
            case FP16, BF16 -> {
                short[] narrow = new short[count];
                float[] wide = value.floats();
                for (int i = 0; i < count; i++) {
                    narrow[i] = type == DataType.FP16 ? HalfFloats.floatToHalf(wide[i])
                            : HalfFloats.floatToBfloat16(wide[i]);
                }
                out.asShortBuffer().put(narrow);
            }
            case BOOL -> {
                boolean[] flags = value.booleans();
                for (int i = 0; i < count; i++) {
                    out.put(i, flags[i] ? (byte) 1 : (byte) 0);
                }
            }
            case BYTES -> throw new IllegalStateException("BYTES is encoded above");
        }
        return out.array();
    }

    private static byte[][] decodeBytes(String name, long[] shape, int count, ByteBuffer in) {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (in.remaining() < Integer.BYTES) {
                throw bytesMismatch(name, shape, count, "ends after " + i + " elements");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw bytesMismatch(name, shape, count, "element " + i + " declares " + Integer.toUnsignedString(
                        length) + " bytes but only " + in.remaining() + " remain");
            }
            out[i] = new byte[length];
            in.get(out[i]);
        }
        if (in.hasRemaining()) {
            throw bytesMismatch(name, shape, count, "has " + in.remaining() + " bytes left after " + count
                    + " elements");
        }
        return out;
    }

    private static InferenceException bytesMismatch(String name, long[] shape, int count, String problem) {
        return InferenceException.invalid("input '" + name + "': the binary BYTES data for shape "
                + TensorShape.format(shape) + " (" + count + " elements, each a 4-byte length and its bytes) "
                + problem);
    }

    private static byte[] encodeBytes(byte[][] elements) {
        long size = 0;
        for (byte[] element : elements) {
            size += Integer.BYTES + element.length;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] element : elements) {
            out.putInt(element.length).put(element);
        }
        return out.array();
    }
}
