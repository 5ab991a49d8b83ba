package io.verso.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponsesTest {

    @Test
    void readsEachProtocolsOutput() {
        assertThat(Responses.outputs(Protocol.TFSERVING_JSON, null,
                "{\"predictions\":[[1.5,2],[3,4]]}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(1.5f, 2f, 3f, 4f);
        assertThat(Responses.outputs(Protocol.V2_JSON, null,
                "{\"outputs\":[{\"name\":\"y\",\"shape\":[1,2],\"data\":[7,8]}]}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(7f, 8f);
        byte[] binary = binaryAnswer(new float[] {0.25f, -3f});
        String headerLength = Integer.toString(binary.length - 8);
        assertThat(Responses.outputs(Protocol.V2_BINARY, headerLength, binary)).containsExactly(0.25f, -3f);
    }

    @Test
    void aBinaryAnswerIsPlausibleOnlyWithExactlyItsOutputBytes() {
        Payload payload = Payloads.build(Protocol.V2_BINARY, "m", new float[] {1, 2}, 1, 2, 2);
        byte[] answer = binaryAnswer(new float[] {1, 2});
        String headerLength = Integer.toString(answer.length - 8);
        assertThat(Responses.plausible(payload, 200, headerLength, answer.length, answer[0])).isTrue();
        assertThat(Responses.plausible(payload, 200, headerLength, answer.length - 4, answer[0])).isFalse();
        assertThat(Responses.plausible(payload, 200, null, answer.length, answer[0])).isFalse();
        assertThat(Responses.plausible(payload, 429, headerLength, answer.length, answer[0])).isFalse();
    }

    @Test
    void aJsonAnswerMustBeAnObjectWithStatus200() {
        Payload payload = Payloads.build(Protocol.V2_JSON, "m", new float[] {1}, 1, 1, 1);
        assertThat(Responses.plausible(payload, 200, null, 10, (byte) '{')).isTrue();
        assertThat(Responses.plausible(payload, 200, null, 0, (byte) 0)).isFalse();
        assertThat(Responses.plausible(payload, 500, null, 10, (byte) '{')).isFalse();
    }

    private static byte[] binaryAnswer(float[] values) {
        byte[] header = ("{\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[1," + values.length
                + "],\"parameters\":{\"binary_data_size\":" + values.length * 4 + "}}]}")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header);
        for (float v : values) {
            body.putFloat(v);
        }
        return body.array();
    }
}
