package io.verso.inference.model;

import java.util.Arrays;

/**
 * A dense tensor held in one flat row-major Java array. Each {@link DataType} has one storage kind, so codecs and
 * runtimes move whole arrays instead of boxing elements:
 * <ul>
 *   <li>FP16, BF16, FP32: {@code float[]}; FP64: {@code double[]}</li>
 *   <li>INT8, INT16, INT32, UINT8, UINT16: {@code int[]}; INT64, UINT32, UINT64: {@code long[]}
 *       (UINT64 values above {@code Long.MAX_VALUE} are stored in two's complement)</li>
 *   <li>BOOL: {@code boolean[]}; BYTES: {@code byte[][]}</li>
 * </ul>
 * The arrays are shared, not copied: a value must not be changed after it is built.
 */
public final class TensorValue {

    private final DataType dataType;
    private final long[] shape;
    private final Object data;

    private TensorValue(DataType dataType, long[] shape, Object data) {
        this.dataType = dataType;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps {@code data} (the storage array of {@code dataType}) as a tensor of {@code shape}.
     *
     * @throws InferenceException INVALID_ARGUMENT when the array kind or its length does not fit
     */
    public static TensorValue of(DataType dataType, long[] shape, Object data) {
        Class<?> expected = storageClass(dataType);
        if (!expected.isInstance(data)) {
            throw new IllegalArgumentException(dataType + " is stored as " + expected.getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
        long count = TensorShape.elementCount(shape);
        int length = java.lang.reflect.Array.getLength(data);
        if (count != length) {
            throw InferenceException.invalid("shape " + TensorShape.format(shape) + " needs " + count
                    + " elements but " + length + " were given");
        }
        return new TensorValue(dataType, shape.clone(), data);
    }

    /** Allocates the storage array for {@code count} elements of {@code dataType}. */
    public static Object allocate(DataType dataType, int count) {
        return switch (dataType) {
            case FP16, BF16, FP32 -> new float[count];
            case FP64 -> new double[count];
            case INT8, INT16, INT32, UINT8, UINT16 -> new int[count];
            case INT64, UINT32, UINT64 -> new long[count];
            case BOOL -> new boolean[count];
            case BYTES -> new byte[count][];
        };
    }

    public static Class<?> storageClass(DataType dataType) {
        return allocate(dataType, 0).getClass();
    }

    public DataType dataType() {
        return dataType;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    public int elementCount() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** The storage array; see the class comment for its kind. */
    public Object data() {
        return data;
    }

    public float[] floats() {
        return (float[]) data;
    }

    public double[] doubles() {
        return (double[]) data;
    }

    public int[] ints() {
        return (int[]) data;
    }

    public long[] longs() {
        return (long[]) data;
    }

    public boolean[] booleans() {
        return (boolean[]) data;
    }

    public byte[][] bytes() {
        return (byte[][]) data;
    }

    /**
     * Element {@code i} (row-major) as a double, for statistics over any numeric tensor: BOOL reads as 1 or 0, BYTES
     * as NaN, 64-bit integers with the rounding of a double.
     */
    public double asDouble(int i) {
        return switch (dataType) {
            case FP16, BF16, FP32 -> ((float[]) data)[i];
            case FP64 -> ((double[]) data)[i];
            case INT8, INT16, INT32, UINT8, UINT16 -> ((int[]) data)[i];
            case INT64, UINT32 -> ((long[]) data)[i];
            case UINT64 -> {
                long v = ((long[]) data)[i];
                // Values above Long.MAX_VALUE are stored in two's complement: halve, convert, double.
                yield v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
            }
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case BYTES -> Double.NaN;
        };
    }

    /** The same elements under another shape with the same element count. */
    public TensorValue reshape(long[] newShape) {
        return of(dataType, newShape, data);
    }

    @Override
    public String toString() {
        return dataType + TensorShape.format(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorValue other && dataType == other.dataType && Arrays.equals(shape, other.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
    }

    @Override
    public int hashCode() {
        return 31 * dataType.hashCode() + Arrays.hashCode(shape);
    }
}
