package io.verso.inference.batching;

import io.verso.inference.model.TensorValue;
import java.util.Arrays;
import java.util.List;

/**
 * Row operations on tensors along dimension 0, each one bulk array copy per part ({@link System#arraycopy} works
 * on every storage kind, byte strings included), never per element.
 */
final class TensorBatches {

    private TensorBatches() {
    }

    /** The dimensions after dimension 0; tensors stack only when these agree. */
    static long[] rowShape(TensorValue tensor) {
        return Arrays.copyOfRange(tensor.shape(), 1, tensor.rank());
    }

    static int rowLength(TensorValue tensor) {
        long n = 1;
        for (long d : rowShape(tensor)) {
            n *= d;
        }
        return (int) n;
    }

    /**
     * Stacks {@code parts} along dimension 0 and pads the result to {@code paddedRows} rows by repeating the first
     * row: any real row is a valid input, and the padding's answers are sliced off.
     */
    static TensorValue concat(List<TensorValue> parts, int paddedRows) {
        TensorValue first = parts.get(0);
        int rowLength = rowLength(first);
        Object storage = TensorValue.allocate(first.dataType(), paddedRows * rowLength);
        int offset = 0;
        for (TensorValue part : parts) {
            int length = part.elementCount();
            System.arraycopy(part.data(), 0, storage, offset, length);
            offset += length;
        }
        for (; offset < paddedRows * rowLength; offset += rowLength) {
            System.arraycopy(first.data(), 0, storage, offset, rowLength);
        }
        long[] shape = first.shape();
        shape[0] = paddedRows;
        return TensorValue.of(first.dataType(), shape, storage);
    }

    /** Rows {@code [from, to)} of {@code tensor}. */
    static TensorValue slice(TensorValue tensor, int from, int to) {
        int rowLength = rowLength(tensor);
        Object storage = TensorValue.allocate(tensor.dataType(), (to - from) * rowLength);
        System.arraycopy(tensor.data(), from * rowLength, storage, 0, (to - from) * rowLength);
        long[] shape = tensor.shape();
        shape[0] = to - from;
        return TensorValue.of(tensor.dataType(), shape, storage);
    }
}
