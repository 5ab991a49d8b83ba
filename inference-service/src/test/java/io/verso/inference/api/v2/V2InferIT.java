package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class V2InferIT extends V2ServerSupport {

    static final String HALF_PLUS_TWO_REQUEST = """
            {"id": "req-7", "inputs": [{"name": "x", "shape": [3, 1], "datatype": "FP32", "data": [1, 2, 5]}]}""";

    /** INPUT0 = 0..15 and INPUT1 = all ones, as in Triton's simple example clients. */
    static final String SIMPLE_REQUEST = """
            {"inputs": [
              {"name": "INPUT0", "shape": [1, 16], "datatype": "INT32",
               "data": [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]]},
              {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32",
               "data": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}]}""";

    @Test
    void halfPlusTwoAnswersWithJson() {
        Reply reply = postJson("/v2/models/half_plus_two/infer", HALF_PLUS_TWO_REQUEST);
        JsonNode response = reply.expect(200);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.get("model_name").stringValue()).isEqualTo("half_plus_two");
        assertThat(response.get("model_version").stringValue()).isEqualTo("123");
        assertThat(response.get("id").stringValue()).isEqualTo("req-7");
        assertThat(response.get("outputs").toString())
                .isEqualTo("[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[3,1],\"data\":[2.5,3.0,4.5]}]");
    }

    @Test
    void aPinnedVersionAnswersAsThatVersion() {
        JsonNode response = postJson("/v2/models/half_plus_two/versions/123/infer", HALF_PLUS_TWO_REQUEST)
                .expect(200);
        assertThat(response.get("model_version").stringValue()).isEqualTo("123");
        assertThat(response.get("outputs").get(0).get("data").toString()).isEqualTo("[2.5,3.0,4.5]");

        JsonNode older = postJson("/v2/models/two_versions/versions/123/infer", HALF_PLUS_TWO_REQUEST)
                .expect(200);
        assertThat(older.get("model_version").stringValue()).isEqualTo("123");
        JsonNode newer = postJson("/v2/models/two_versions/versions/124/infer", HALF_PLUS_TWO_REQUEST).expect(200);
        assertThat(newer.get("model_version").stringValue()).isEqualTo("124");
        // Unpinned, a model with a stable label answers from it (the newest version without one: V2WebTest).
        JsonNode stable = postJson("/v2/models/two_versions/infer", HALF_PLUS_TWO_REQUEST).expect(200);
        assertThat(stable.get("model_version").stringValue()).as("the default is the stable label").isEqualTo("123");
    }

    @Test
    void simpleAddsAndSubtractsWithJson() {
        JsonNode response = postJson("/v2/models/simple/infer", SIMPLE_REQUEST).expect(200);
        assertThat(response.get("model_name").stringValue()).isEqualTo("simple");
        assertThat(response.get("model_version").stringValue()).isEqualTo("1");
        assertThat(response.has("id")).isFalse();
        assertThat(response.get("outputs").toString()).isEqualTo("""
                [{"name":"OUTPUT0","datatype":"INT32","shape":[1,16],\
                "data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]},\
                {"name":"OUTPUT1","datatype":"INT32","shape":[1,16],\
                "data":[-1,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14]}]""");
    }

    @Test
    void requestedOutputsFilterTheResponse() {
        String request = SIMPLE_REQUEST.substring(0, SIMPLE_REQUEST.lastIndexOf('}'))
                + ", \"outputs\": [{\"name\": \"OUTPUT1\"}]}";
        JsonNode outputs = postJson("/v2/models/simple/infer", request).expect(200).get("outputs");
        assertThat(outputs.size()).isEqualTo(1);
        assertThat(outputs.get(0).get("name").stringValue()).isEqualTo("OUTPUT1");
    }

    @Test
    void simpleAddsAndSubtractsWithBinaryTensors() {
        byte[] header = """
                {"inputs": [
                  {"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "parameters": {"binary_data_size": 64}},
                  {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "parameters": {"binary_data_size": 64}}],
                 "outputs": [{"name": "OUTPUT0", "parameters": {"binary_data": true}},
                             {"name": "OUTPUT1", "parameters": {"binary_data": false}}]}"""
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer tensors = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            tensors.putInt(i);
        }
        for (int i = 0; i < 16; i++) {
            tensors.putInt(1);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(tensors.array());

        Reply reply = postBinary("/v2/models/simple/infer", body.toByteArray(), header.length);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        int jsonLength = Integer.parseInt(reply.headers().getFirst(V2RequestReader.HEADER_LENGTH));
        JsonNode json = Json.MAPPER.readTree(reply.body(), 0, jsonLength);
        JsonNode output0 = json.get("outputs").get(0);
        assertThat(output0.get("name").stringValue()).isEqualTo("OUTPUT0");
        assertThat(output0.get("shape").toString()).isEqualTo("[1,16]");
        assertThat(output0.has("data")).isFalse();
        assertThat(output0.get("parameters").get("binary_data_size").intValue()).isEqualTo(64);
        assertThat(json.get("outputs").get(1).get("data").toString())
                .isEqualTo("[-1,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14]");
        assertThat(reply.body()).hasSize(jsonLength + 64);
        ByteBuffer sums = ByteBuffer.wrap(reply.body(), jsonLength, 64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            assertThat(sums.getInt()).as("OUTPUT0[%d]", i).isEqualTo(i + 1);
        }
    }

    @Test
    void requestLevelBinaryOutputReturnsEveryOutputRaw() {
        String request = SIMPLE_REQUEST.replaceFirst("\\{", "{\"parameters\": {\"binary_data_output\": true}, ");
        Reply reply = postJson("/v2/models/simple/infer", request);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        int jsonLength = Integer.parseInt(reply.headers().getFirst(V2RequestReader.HEADER_LENGTH));
        assertThat(reply.body()).hasSize(jsonLength + 128);
        // slice(): absolute getInt indexes count from the start of the buffer, which must be the first output.
        ByteBuffer raw = ByteBuffer.wrap(reply.body(), jsonLength, 128).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            assertThat(raw.getInt(i * 4)).as("OUTPUT0[%d]", i).isEqualTo(i + 1);
            assertThat(raw.getInt(64 + i * 4)).as("OUTPUT1[%d]", i).isEqualTo(i - 1);
        }
    }
}
