package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class V2OutputDataTest {

    @Test
    void writesOutputsFlatWithBytesAsStringsAndUint64Unsigned() {
        TensorValue floats = TensorValue.of(DataType.FP32, new long[] {2, 1}, new float[] {2.5f, 3f});
        assertThat(Json.MAPPER.writeValueAsString(V2OutputData.encode(floats))).isEqualTo("[2.5,3.0]");
        TensorValue strings = TensorValue.of(DataType.BYTES, new long[] {1},
                new byte[][] {"héllo".getBytes(StandardCharsets.UTF_8)});
        assertThat(V2OutputData.encode(strings)).isEqualTo(new String[] {"héllo"});
        TensorValue unsigned = TensorValue.of(DataType.UINT64, new long[] {2}, new long[] {-1, 5});
        assertThat(V2OutputData.encode(unsigned))
                .isEqualTo(new BigInteger[] {new BigInteger("18446744073709551615"), BigInteger.valueOf(5)});
    }
}
