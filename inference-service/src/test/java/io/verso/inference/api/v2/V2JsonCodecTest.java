package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.api.Json;
import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class V2JsonCodecTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static Object decode(DataType type, long[] shape, String data) {
        return V2JsonCodec.decode("x", type, shape, json(data));
    }

    @Test
    void flattensNestedDataRowMajor() {
        assertThat((float[]) decode(DataType.FP32, new long[] {2, 2}, "[[1, 2.5], [3, 4]]"))
                .containsExactly(1f, 2.5f, 3f, 4f);
        assertThat((float[]) decode(DataType.FP32, new long[] {2, 2}, "[1, 2.5, 3, 4]"))
                .containsExactly(1f, 2.5f, 3f, 4f);
        assertThat((int[]) decode(DataType.INT32, new long[] {}, "7")).as("a scalar").containsExactly(7);
    }

    @Test
    void readsEveryKindOfElement() {
        assertThat((boolean[]) decode(DataType.BOOL, new long[] {2}, "[true, false]")).containsExactly(true, false);
        assertThat((double[]) decode(DataType.FP64, new long[] {3}, "[NaN, -Infinity, 1e300]"))
                .containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, 1e300);
        assertThat((int[]) decode(DataType.UINT8, new long[] {2}, "[0, 255]")).containsExactly(0, 255);
        assertThat((long[]) decode(DataType.UINT32, new long[] {1}, "[4294967295]")).containsExactly(4294967295L);
        assertThat((long[]) decode(DataType.UINT64, new long[] {1}, "[18446744073709551615]")).containsExactly(-1L);
        assertThat((long[]) decode(DataType.INT64, new long[] {1}, "[-9223372036854775808]"))
                .containsExactly(Long.MIN_VALUE);
        byte[][] strings = (byte[][]) decode(DataType.BYTES, new long[] {2}, "[\"héllo\", \"\"]");
        assertThat(new String(strings[0], StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(strings[0]).hasSize(6);
        assertThat(strings[1]).isEmpty();
    }

    @Test
    void refusesAnElementCountThatDoesNotMatchTheShape() {
        assertThatThrownBy(() -> decode(DataType.FP32, new long[] {3, 1}, "[1, 2]"))
                .isInstanceOf(InferenceException.class)
                .hasMessage("input 'x' has shape [3,1] (3 elements) but its data holds 2 elements");
    }

    @Test
    void refusesValuesOfTheWrongJsonKind() {
        assertThatThrownBy(() -> decode(DataType.FP32, new long[] {2}, "[1, \"two\"]"))
                .isInstanceOf(InferenceException.class)
                .hasMessage("input 'x' has datatype FP32 but element 1 of its data is \"two\"; expected a number");
        assertThatThrownBy(() -> decode(DataType.INT32, new long[] {1}, "[1.5]"))
                .hasMessageContaining("input 'x'").hasMessageContaining("1.5").hasMessageContaining("an integer");
        assertThatThrownBy(() -> decode(DataType.BOOL, new long[] {1}, "[1]"))
                .hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> decode(DataType.BYTES, new long[] {1}, "[42]"))
                .hasMessageContaining("expected a string");
        assertThatThrownBy(() -> decode(DataType.FP32, new long[] {1}, "[null]"))
                .hasMessageContaining("element 0 of its data is null");
    }

    @Test
    void refusesIntegersOutsideTheirTypesRange() {
        assertThatThrownBy(() -> decode(DataType.INT8, new long[] {1}, "[128]"))
                .isInstanceOf(InferenceException.class).hasMessageContaining("from -128 to 127");
        assertThatThrownBy(() -> decode(DataType.UINT8, new long[] {1}, "[-1]"))
                .hasMessageContaining("from 0 to 255");
        assertThatThrownBy(() -> decode(DataType.INT32, new long[] {1}, "[2147483648]"))
                .hasMessageContaining("input 'x'").hasMessageContaining("2147483648");
        assertThatThrownBy(() -> decode(DataType.INT64, new long[] {1}, "[9223372036854775808]"))
                .hasMessageContaining("9223372036854775807");
        assertThatThrownBy(() -> decode(DataType.UINT64, new long[] {1}, "[18446744073709551616]"))
                .hasMessageContaining("18446744073709551615");
        assertThatThrownBy(() -> decode(DataType.FP32, new long[] {1}, "[1e39]"))
                .hasMessageContaining("within the range of FP32");
    }

    @Test
    void refusesAShapeTooLargeForOneTensorBeforeAllocatingIt() {
        assertThatThrownBy(() -> decode(DataType.FP32, new long[] {100000, 100000}, "[1]"))
                .isInstanceOf(InferenceException.class).hasMessageContaining("too many elements");
    }

    @Test
    void writesOutputsFlatWithBytesAsStringsAndUint64Unsigned() {
        TensorValue floats = TensorValue.of(DataType.FP32, new long[] {2, 1}, new float[] {2.5f, 3f});
        assertThat(Json.MAPPER.writeValueAsString(V2JsonCodec.encode(floats))).isEqualTo("[2.5,3.0]");
        TensorValue strings = TensorValue.of(DataType.BYTES, new long[] {1},
                new byte[][] {"héllo".getBytes(StandardCharsets.UTF_8)});
        assertThat(V2JsonCodec.encode(strings)).isEqualTo(new String[] {"héllo"});
        TensorValue unsigned = TensorValue.of(DataType.UINT64, new long[] {2}, new long[] {-1, 5});
        assertThat(V2JsonCodec.encode(unsigned))
                .isEqualTo(new BigInteger[] {new BigInteger("18446744073709551615"), BigInteger.valueOf(5)});
    }
}
