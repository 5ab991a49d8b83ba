package io.verso.inference.model;

import java.util.Arrays;

/**
 * A declared tensor shape: a known rank whose dimensions may be unknown ({@code -1}), or an unknown rank.
 * Concrete request tensors carry plain {@code long[]} shapes; this type describes what a signature accepts.
 */
public final class TensorShape {

    public static final long UNKNOWN_DIM = -1;
    private static final TensorShape UNKNOWN_RANK = new TensorShape(null);

    private final long[] dims;

    private TensorShape(long[] dims) {
        this.dims = dims;
    }

    public static TensorShape of(long... dims) {
        return new TensorShape(dims.clone());
    }

    public static TensorShape unknownRank() {
        return UNKNOWN_RANK;
    }

    public boolean isUnknownRank() {
        return dims == null;
    }

    /** The rank; only meaningful when {@link #isUnknownRank()} is false. */
    public int rank() {
        return dims == null ? -1 : dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long[] dims() {
        return dims == null ? null : dims.clone();
    }

    /** True when dimension 0 exists and is unknown: the signature accepts a batch of any size. */
    public boolean hasBatchDimension() {
        return dims != null && dims.length > 0 && dims[0] == UNKNOWN_DIM;
    }

    /** Number of elements of a concrete shape; -1 on overflow so callers can reject absurd shapes. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            n = d == 0 ? 0 : (n > Long.MAX_VALUE / d ? -1 : n * d);
            if (n < 0) {
                return -1;
            }
        }
        return n;
    }

    public static String format(long[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }

    @Override
    public String toString() {
        return dims == null ? "<unknown rank>" : format(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape other && Arrays.equals(dims, other.dims) && (dims == null) == (other.dims == null);
    }

    @Override
    public int hashCode() {
        return dims == null ? -1 : Arrays.hashCode(dims);
    }
}
