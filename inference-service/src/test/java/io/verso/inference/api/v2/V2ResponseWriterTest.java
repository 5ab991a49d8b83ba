package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.DataType;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class V2ResponseWriterTest {

    private static Prediction prediction() {
        Map<String, TensorValue> outputs = new LinkedHashMap<>();
        outputs.put("sum", TensorValue.of(DataType.INT32, new long[] {1, 2}, new int[] {3, 4}));
        outputs.put("word", TensorValue.of(DataType.BYTES, new long[] {1},
                new byte[][] {"ok".getBytes(StandardCharsets.UTF_8)}));
        return new Prediction("m", 7, new SignatureSpec("serving_default", SignatureSpec.PREDICT_METHOD,
                Map.of(), Map.of()), outputs);
    }

    @Test
    void writesJsonOutputsInSignatureOrderWithTheRequestId() {
        V2Response response = V2ResponseWriter.write(prediction(),
                new V2InferRequest("req-1", null, false, List.of(), List.of()));
        assertThat(response.hasBinaryOutputs()).isFalse();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("""
                {"model_name":"m","model_version":"7","id":"req-1","outputs":[\
                {"name":"sum","datatype":"INT32","shape":[1,2],"data":[3,4]},\
                {"name":"word","datatype":"BYTES","shape":[1],"data":["ok"]}]}""");
    }

    @Test
    void appendsBinaryOutputsAfterTheJsonHeaderInRequestedOrder() {
        V2Response response = V2ResponseWriter.write(prediction(), new V2InferRequest(null, null, false, List.of(),
                List.of(new V2RequestedOutput("word", false), new V2RequestedOutput("sum", true))));
        assertThat(response.hasBinaryOutputs()).isTrue();
        JsonNode header = Json.MAPPER.readTree(response.body(), 0, response.jsonLength());
        assertThat(header.has("id")).isFalse();
        assertThat(header.get("outputs").get(0).get("name").stringValue()).isEqualTo("word");
        assertThat(header.get("outputs").get(0).get("data").get(0).stringValue()).isEqualTo("ok");
        JsonNode sum = header.get("outputs").get(1);
        assertThat(sum.get("name").stringValue()).isEqualTo("sum");
        assertThat(sum.has("data")).isFalse();
        assertThat(sum.get("parameters").get("binary_data_size").intValue()).isEqualTo(8);
        ByteBuffer raw = ByteBuffer.wrap(response.body(), response.jsonLength(), 8).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(response.body()).hasSize(response.jsonLength() + 8);
        assertThat(raw.getInt()).isEqualTo(3);
        assertThat(raw.getInt()).isEqualTo(4);
    }
}
