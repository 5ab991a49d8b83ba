package io.verso.inference.api.v2;

import io.verso.inference.model.TensorValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Output tensor data in the JSON of the Open Inference Protocol: written flat, BYTES as UTF-8 strings. (Input data
 * is read by {@link io.verso.inference.model.json.JsonTensors}, which all JSON readers share.)
 */
final class V2OutputData {

    private V2OutputData() {
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
}
