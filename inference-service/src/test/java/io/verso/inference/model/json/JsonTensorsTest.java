package io.verso.inference.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonTensorsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    /** The Open Inference Protocol form: an explicit shape, flat or nested data. */
    private static Object decode(DataType type, long[] shape, String data) {
        return JsonTensors.readShaped(json(data), type, shape, "x").data();
    }

    /** TensorFlow Serving's form: the nesting is the shape. */
    private static TensorValue read(String json, DataType type) {
        return JsonTensors.readNested(json(json), type, "x");
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
        assertThat(((byte[][]) decode(DataType.BYTES, new long[] {1}, "[{\"b64\": \"AP8=\"}]"))[0]).containsExactly(0, 0xff);
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
    void readsNestedListsAsShapeAndRowMajorData() {
        TensorValue t = read("[[1, 2, 3], [4, 5, 6]]", DataType.INT32);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.ints()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(read("7.5", DataType.FP32).shape()).isEmpty();
    }

    @Test
    void refusesValuesOfTheWrongKindOrRange() {
        assertThatThrownBy(() -> read("[1, 1.5]", DataType.INT32))
                .hasMessage("input 'x' has datatype INT32 but element 1 of its data is 1.5; expected an integer from "
                        + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        assertThatThrownBy(() -> read("[300]", DataType.UINT8)).hasMessageContaining("expected an integer from 0 to 255");
        assertThatThrownBy(() -> read("[-1]", DataType.UINT64))
                .hasMessageContaining("expected an integer from 0 to 18446744073709551615");
        assertThatThrownBy(() -> read("[\"1\"]", DataType.FP32)).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> read("[1e39]", DataType.FP32)).hasMessageContaining("within the range of FP32");
        assertThatThrownBy(() -> read("[1]", DataType.BOOL)).hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> read("[{\"b64\": \"!!\"}]", DataType.BYTES)).hasMessageContaining("valid base64");
    }

    @Test
    void refusesRaggedTensors() {
        assertThatThrownBy(() -> read("[[1, 2], [3]]", DataType.INT32)).hasMessageContaining("not a rectangular tensor");
        assertThatThrownBy(() -> read("[[1, 2], 3]", DataType.INT32)).hasMessageContaining("not a rectangular tensor");
        assertThatThrownBy(() -> read("[1, [2]]", DataType.INT32)).hasMessageContaining("not a rectangular tensor");
    }
}
