package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class V2MetadataIT extends V2ServerSupport {

    @Test
    void describesTheServerAndItsHealth() {
        JsonNode server = get("/v2").expect(200);
        assertThat(server.get("name").stringValue()).isEqualTo("verso");
        assertThat(server.get("version").stringValue()).isNotBlank();
        assertThat(server.get("extensions").toString()).isEqualTo("[\"binary_tensor_data\"]");

        assertThat(get("/v2/health/live").expect(200).toString()).isEqualTo("{\"live\":true}");
        assertThat(get("/v2/health/ready").expect(200).toString()).isEqualTo("{\"ready\":true}");
    }

    @Test
    void describesTheDefaultSignatureOfAModel() {
        JsonNode expected = Json.MAPPER.readTree("""
                {"name": "half_plus_two", "versions": ["123"], "platform": "tensorflow_savedmodel",
                 "inputs": [{"name": "x", "datatype": "FP32", "shape": [-1, 1]}],
                 "outputs": [{"name": "y", "datatype": "FP32", "shape": [-1, 1]}]}""");
        assertThat(get("/v2/models/half_plus_two").expect(200)).isEqualTo(expected);
        assertThat(get("/v2/models/half_plus_two/versions/123").expect(200)).isEqualTo(expected);

        JsonNode simple = get("/v2/models/simple").expect(200);
        assertThat(simple.get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(simple.get("inputs").toString()).isEqualTo("""
                [{"name":"INPUT0","datatype":"INT32","shape":[-1,16]},\
                {"name":"INPUT1","datatype":"INT32","shape":[-1,16]}]""");
        assertThat(simple.get("outputs").toString()).isEqualTo("""
                [{"name":"OUTPUT0","datatype":"INT32","shape":[-1,16]},\
                {"name":"OUTPUT1","datatype":"INT32","shape":[-1,16]}]""");
    }

    @Test
    void listsEveryLoadedVersion() {
        assertThat(get("/v2/models/two_versions").expect(200).get("versions").toString())
                .isEqualTo("[\"123\",\"124\"]");
        assertThat(get("/v2/models/two_versions/versions/123").expect(200).get("versions").toString())
                .isEqualTo("[\"123\",\"124\"]");
    }

    @Test
    void describesANamedSignature() {
        JsonNode metadata = get("/v2/models/half_plus_two?signature_name=regress_x2_to_y3").expect(200);
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"inputs\",\"datatype\":\"FP32\",\"shape\":[-1,1]}]");
        assertThat(metadata.get("outputs").get(0).get("name").stringValue()).isEqualTo("outputs");

        assertThat(get("/v2/models/half_plus_two?signature_name=nope").expectError(400))
                .contains("\"nope\"").contains("serving_default");
    }

    @Test
    void refusesMetadataOfUnknownModelsAndVersions() {
        assertThat(get("/v2/models/no_such_model").expectError(404)).contains("no_such_model");
        assertThat(get("/v2/models/half_plus_two/versions/999").expectError(404)).contains("999");
    }

    @Test
    void reportsModelReadiness() {
        assertThat(get("/v2/models/half_plus_two/ready").expect(200).toString())
                .isEqualTo("{\"name\":\"half_plus_two\",\"ready\":true}");
        assertThat(get("/v2/models/half_plus_two/versions/123/ready").expect(200).get("ready").booleanValue())
                .isTrue();
        assertThat(get("/v2/models/simple/ready").expect(200).get("ready").booleanValue()).isTrue();
        assertThat(get("/v2/models/half_plus_two/versions/124/ready").expectError(404))
                .contains("version 124").contains("half_plus_two");
        assertThat(get("/v2/models/no_such_model/ready").expectError(404)).contains("no_such_model");
    }
}
