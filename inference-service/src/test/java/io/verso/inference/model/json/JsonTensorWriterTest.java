package io.verso.inference.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

class JsonTensorWriterTest {

    private static TensorValue read(String json, DataType type) {
        return JsonTensors.readNested(Json.MAPPER.readTree(json), type, "x");
    }

    private static String write(TensorValue value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            JsonTensorWriter.write(out, value, false);
        }
        return bytes.toString(StandardCharsets.UTF_8);
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
}
