package io.verso.inference.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

class JsonTensorsTest {

    private static TensorValue read(String json, DataType type) {
        return JsonTensorReader.read(Json.MAPPER.readTree(json), type, "x");
    }

    private static String write(TensorValue value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            JsonTensorWriter.write(out, value, false);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsNestedListsAsShapeAndRowMajorData() {
        TensorValue t = read("[[1, 2, 3], [4, 5, 6]]", DataType.INT32);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.ints()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(read("7.5", DataType.FP32).shape()).isEmpty();
    }

    @Test
    void writesFloatsWithFloatPrecisionAndNonFiniteValuesAsTensorFlowServingDoes() {
        TensorValue t = TensorValue.of(DataType.FP32, new long[] {4},
                new float[] {0.1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
        assertThat(write(t)).isEqualTo("[0.1,NaN,Infinity,-Infinity]");
        assertThat(read("[NaN, -Infinity]", DataType.FP32).floats()).containsExactly(Float.NaN, Float.NEGATIVE_INFINITY);
    }

    @Test
    void keepsIntegersExactAndUnsigned64BitValuesUnsigned() {
        assertThat(write(read("[18446744073709551615, 0]", DataType.UINT64))).isEqualTo("[18446744073709551615,0]");
        assertThat(write(read("[-9223372036854775808]", DataType.INT64))).isEqualTo("[-9223372036854775808]");
    }

    @Test
    void readsStringsAndBase64() {
        TensorValue t = read("[\"héllo\", {\"b64\": \"AP8=\"}]", DataType.BYTES);
        assertThat(new String(t.bytes()[0], StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(t.bytes()[1]).containsExactly(0, 0xff);
        assertThat(write(t)).isEqualTo("[\"héllo\",{\"b64\":\"AP8=\"}]");
    }

    @Test
    void refusesValuesOfTheWrongKindOrRange() {
        assertThatThrownBy(() -> read("[1.5]", DataType.INT32)).hasMessageContaining("input 'x'")
                .hasMessageContaining("not of the expected type DT_INT32");
        assertThatThrownBy(() -> read("[300]", DataType.UINT8)).hasMessageContaining("300 is out of range for DT_UINT8");
        assertThatThrownBy(() -> read("[-1]", DataType.UINT64)).hasMessageContaining("out of range for DT_UINT64");
        assertThatThrownBy(() -> read("[\"1\"]", DataType.FP32)).hasMessageContaining("not of the expected type DT_FLOAT");
        assertThatThrownBy(() -> read("[1]", DataType.BOOL)).hasMessageContaining("DT_BOOL");
        assertThatThrownBy(() -> read("[{\"b64\": \"!!\"}]", DataType.BYTES)).hasMessageContaining("invalid base64");
    }

    @Test
    void refusesRaggedTensors() {
        assertThatThrownBy(() -> read("[[1, 2], [3]]", DataType.INT32)).hasMessageContaining("not a rectangular tensor");
        assertThatThrownBy(() -> read("[[1, 2], 3]", DataType.INT32)).hasMessageContaining("not a rectangular tensor");
        assertThatThrownBy(() -> read("[1, [2]]", DataType.INT32)).hasMessageContaining("not a rectangular tensor");
    }
}
