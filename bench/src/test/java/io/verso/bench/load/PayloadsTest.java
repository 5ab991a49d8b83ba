package io.verso.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final float[] values = {0.5f, -1.25f, 3f, 1e-7f, -0f, 42.125f};

    @Test
    void v2BinaryIsTheHeaderThenLittleEndianFloats() {
        Payload payload = Payloads.build(Protocol.V2_BINARY, "mlp", values, 2, 3, 10);

        int headerLength = Integer.parseInt(payload.headers().get(Payloads.HEADER_LENGTH));
        JsonNode header = JSON.readTree(new String(payload.body(), 0, headerLength, StandardCharsets.UTF_8));
        JsonNode input = header.get("inputs").get(0);
        assertThat(input.get("name").stringValue()).isEqualTo("x");
        assertThat(input.get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(input.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(input.get("parameters").get("binary_data_size").intValue()).isEqualTo(6 * 4);
        assertThat(input.has("data")).isFalse();
        assertThat(header.get("outputs").get(0).get("parameters").get("binary_data").booleanValue()).isTrue();
        assertThat(payload.body()).hasSize(headerLength + 6 * 4);
        float[] decoded = new float[6];
        ByteBuffer.wrap(payload.body(), headerLength, 24).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(decoded);
        assertThat(decoded).containsExactly(values);
        assertThat(payload.headers()).containsEntry("Content-Type", "application/octet-stream");
        assertThat(payload.path()).isEqualTo("/v2/models/mlp/infer");
        assertThat(payload.outputValues()).isEqualTo(20);
    }

    @Test
    void v2JsonCarriesTheSameFloatsExactly() {
        Payload payload = Payloads.build(Protocol.V2_JSON, "mlp", values, 2, 3, 10);
        JsonNode input = JSON.readTree(payload.body()).get("inputs").get(0);
        assertThat(input.get("shape").toString()).isEqualTo("[2,3]");
        float[] data = new float[6];
        for (int i = 0; i < 6; i++) {
            data[i] = input.get("data").get(i).floatValue();
        }
        assertThat(data).containsExactly(values);
        assertThat(payload.headers()).doesNotContainKey(Payloads.HEADER_LENGTH);
    }

    @Test
    void tfServingRowFormatHasOneListPerRow() {
        Payload payload = Payloads.build(Protocol.TFSERVING_JSON, "half_plus_two", values, 2, 3, 1);
        JsonNode instances = JSON.readTree(payload.body()).get("instances");
        assertThat(instances.size()).isEqualTo(2);
        assertThat(instances.get(1).size()).isEqualTo(3);
        assertThat(instances.get(1).get(2).floatValue()).isEqualTo(42.125f);
        assertThat(payload.path()).isEqualTo("/v1/models/half_plus_two:predict");
    }

    @Test
    void randomRowsAreReproducibleAndInRange() {
        float[] a = Payloads.randomRows(4, 8, 32);
        assertThat(a).hasSize(32).containsExactly(Payloads.randomRows(4, 8, 32));
        assertThat(Arrays.equals(a, Payloads.randomRows(4, 8, 33))).isFalse();
        for (float v : a) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }
}
