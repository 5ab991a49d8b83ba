package io.verso.inference.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorBatchesTest {

    @Test
    void stacksPadsWithTheFirstRowAndSlicesBack() {
        TensorValue a = TensorValue.of(DataType.INT32, new long[] {1, 2}, new int[] {1, 2});
        TensorValue b = TensorValue.of(DataType.INT32, new long[] {2, 2}, new int[] {3, 4, 5, 6});
        TensorValue stacked = TensorBatches.concat(List.of(a, b), 4);
        assertThat(stacked.shape()).containsExactly(4, 2);
        assertThat(stacked.ints()).containsExactly(1, 2, 3, 4, 5, 6, 1, 2);
        assertThat(TensorBatches.slice(stacked, 1, 3)).isEqualTo(b);
    }

    @Test
    void stacksByteStrings() {
        TensorValue a = TensorValue.of(DataType.BYTES, new long[] {1}, new byte[][] {"a".getBytes(StandardCharsets.UTF_8)});
        TensorValue b = TensorValue.of(DataType.BYTES, new long[] {1}, new byte[][] {"b".getBytes(StandardCharsets.UTF_8)});
        TensorValue stacked = TensorBatches.concat(List.of(a, b), 2);
        assertThat(TensorBatches.slice(stacked, 1, 2)).isEqualTo(b);
    }
}
