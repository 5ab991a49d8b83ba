package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class V2InputDecoderTest {

    private static final SignatureSpec SIGNATURE = new SignatureSpec(SignatureSpec.DEFAULT_KEY,
            SignatureSpec.PREDICT_METHOD,
            Map.of("x", new TensorSpec("x", "x:0", DataType.FP32, TensorShape.of(-1, 1))),
            Map.of("y", new TensorSpec("y", "y:0", DataType.FP32, TensorShape.of(-1, 1))));

    private static V2Input json(String name, DataType type, String data) {
        return new V2Input(name, type, new long[] {3, 1}, Json.MAPPER.readTree(data), null);
    }

    @Test
    void decodesJsonAndBinaryInputs() {
        Map<String, TensorValue> fromJson = new V2InputDecoder(List.of(json("x", DataType.FP32, "[1, 2, 5]")))
                .decode(SIGNATURE);
        assertThat(fromJson.get("x")).isEqualTo(TensorValue.of(DataType.FP32, new long[] {3, 1},
                new float[] {1, 2, 5}));

        ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(5)
                .flip();
        Map<String, TensorValue> fromBinary = new V2InputDecoder(List.of(
                new V2Input("x", DataType.FP32, new long[] {3, 1}, null, raw))).decode(SIGNATURE);
        assertThat(fromBinary).isEqualTo(fromJson);
    }

    @Test
    void refusesADatatypeTheSignatureDoesNotDeclareBeforeReadingValues() {
        // The data would also fail as INT32; the datatype is the problem to report.
        assertThatThrownBy(() -> new V2InputDecoder(List.of(json("x", DataType.INT32, "[1.5, 2, 5]")))
                .decode(SIGNATURE))
                .isInstanceOf(InferenceException.class)
                .hasMessage("input 'x' has datatype INT32 but signature 'serving_default' expects FP32");
    }

    @Test
    void refusesAnInputTheSignatureDoesNotHave() {
        assertThatThrownBy(() -> new V2InputDecoder(List.of(json("z", DataType.FP32, "[1, 2, 5]")))
                .decode(SIGNATURE))
                .isInstanceOf(InferenceException.class)
                .hasMessage("input 'z' is not an input of signature 'serving_default'; its inputs are [x]");
    }
}
