package io.verso.inference.runtime.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Tensor;

class TensorConverterTest {

    private static TensorValue sample(DataType type) {
        long[] shape = {2, 2};
        return switch (type) {
            case FP32 -> TensorValue.of(type, shape, new float[] {0.1f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY});
            case FP16, BF16 -> TensorValue.of(type, shape, new float[] {0.5f, -2.5f, 1024f, 0f});
            case FP64 -> TensorValue.of(type, shape, new double[] {0.1, -2.5, 1e300, -0.0});
            case INT32 -> TensorValue.of(type, shape, new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE});
            case INT64 -> TensorValue.of(type, shape, new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE});
            case UINT8 -> TensorValue.of(type, shape, new int[] {0, 1, 128, 255});
            case UINT16 -> TensorValue.of(type, shape, new int[] {0, 1, 32768, 65535});
            case BOOL -> TensorValue.of(type, shape, new boolean[] {true, false, false, true});
            case BYTES -> TensorValue.of(type, shape, new byte[][] {"a".getBytes(StandardCharsets.UTF_8), new byte[0],
                    {(byte) 0xff, 0}, "ünï".getBytes(StandardCharsets.UTF_8)});
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"INT8", "INT16", "UINT32", "UINT64"}, mode = EnumSource.Mode.EXCLUDE)
    void roundTripsEverySupportedDtype(DataType type) {
        TensorValue value = sample(type);
        try (Tensor tensor = TensorConverter.toTensor(value)) {
            assertThat(tensor.dataType().name()).isEqualTo(type.tfName());
            assertThat(tensor.shape().asArray()).containsExactly(2, 2);
            assertThat(TensorConverter.fromTensor(tensor)).isEqualTo(value);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"INT8", "INT16", "UINT32", "UINT64"})
    void refusesDtypesTensorFlowJavaCannotHold(DataType type) {
        TensorValue value = TensorValue.of(type, new long[] {1}, TensorValue.allocate(type, 1));
        assertThatThrownBy(() -> TensorConverter.toTensor(value))
                .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNIMPLEMENTED))
                .hasMessageContaining(type.tfName());
    }

    @Test
    void convertsScalars() {
        TensorValue scalar = TensorValue.of(DataType.FP32, new long[0], new float[] {3f});
        try (Tensor tensor = TensorConverter.toTensor(scalar)) {
            assertThat(TensorConverter.fromTensor(tensor)).isEqualTo(scalar);
        }
    }
}
