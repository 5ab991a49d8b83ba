package io.verso.inference.monitoring.predictionlog;

import io.verso.inference.model.TensorValue;
import java.util.Map;

/**
 * Keeps an encoded record under a size: encodes it whole, and when too large again with only a prefix of every
 * tensor's data, halving the prefix until it fits (shapes stay whole, so a reader knows what was cut).
 */
final class Truncation {

    /** One encoding of a record with at most {@code limit} values per tensor, marked truncated or not. */
    @FunctionalInterface
    interface Encoding {
        byte[] encode(int limit, boolean truncated);
    }

    private Truncation() {
    }

    static byte[] fit(int maxBytes, int largestTensor, Encoding encoding) {
        int limit = largestTensor;
        byte[] encoded = encoding.encode(limit, false);
        while (encoded.length > maxBytes && limit > 0) {
            limit /= 2;
            encoded = encoding.encode(limit, true);
        }
        return encoded;
    }

    /** The element count of the largest tensor among {@code groups} (null groups count as empty). */
    @SafeVarargs
    static int largest(Map<String, TensorValue>... groups) {
        int largest = 0;
        for (Map<String, TensorValue> tensors : groups) {
            if (tensors != null) {
                for (TensorValue value : tensors.values()) {
                    largest = Math.max(largest, value.elementCount());
                }
            }
        }
        return largest;
    }
}
