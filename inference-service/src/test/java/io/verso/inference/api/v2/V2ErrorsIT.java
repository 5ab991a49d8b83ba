package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every bad request is answered 4xx with {@code {"error": ...}} naming the problem, and the server keeps serving. */
class V2ErrorsIT extends V2ServerSupport {

    private static final String HALF_PLUS_TWO = "/v2/models/half_plus_two/infer";
    private static final String SIMPLE = "/v2/models/simple/infer";

    private static String x(String shape, String datatype, String data) {
        return "{\"inputs\": [{\"name\": \"x\", \"shape\": " + shape + ", \"datatype\": \"" + datatype
                + "\", \"data\": " + data + "}]}";
    }

    @Test
    void unknownInputName() {
        String request = """
                {"inputs": [{"name": "z", "shape": [3, 1], "datatype": "FP32", "data": [1, 2, 5]}]}""";
        assertThat(postJson(HALF_PLUS_TWO, request).expectError(400))
                .isEqualTo("input 'z' is not an input of signature 'serving_default'; its inputs are [x]");
    }

    @Test
    void missingInput() {
        String request = """
                {"inputs": [{"name": "INPUT0", "shape": [1, 16], "datatype": "INT32",
                             "data": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}]}""";
        assertThat(postJson(SIMPLE, request).expectError(400))
                .startsWith("missing input 'INPUT1' of signature 'serving_default'");
    }

    @Test
    void datatypeThatDisagreesWithTheSignature() {
        assertThat(postJson(HALF_PLUS_TWO, x("[3, 1]", "INT32", "[1, 2, 5]")).expectError(400))
                .isEqualTo("input 'x' has datatype INT32 but signature 'serving_default' expects FP32");
    }

    @Test
    void unknownDatatype() {
        assertThat(postJson(HALF_PLUS_TWO, x("[3, 1]", "FLOAT32", "[1, 2, 5]")).expectError(400))
                .startsWith("input 'x' has unknown datatype 'FLOAT32'");
    }

    @Test
    void valuesOfTheWrongJsonKind() {
        assertThat(postJson(HALF_PLUS_TWO, x("[3, 1]", "FP32", "[1, \"two\", 5]")).expectError(400))
                .isEqualTo("input 'x' has datatype FP32 but element 1 of its data is \"two\"; expected a number");
        String fractionForInt = SimpleRequests.simple("1.5", "1");
        assertThat(postJson(SIMPLE, fractionForInt).expectError(400))
                .contains("input 'INPUT0'").contains("1.5").contains("integer");
        String outOfRange = SimpleRequests.simple("2147483648", "1");
        assertThat(postJson(SIMPLE, outOfRange).expectError(400))
                .contains("input 'INPUT0'").contains("2147483648");
    }

    @Test
    void dataCountThatDoesNotMatchTheShape() {
        assertThat(postJson(HALF_PLUS_TWO, x("[3, 1]", "FP32", "[1, 2]")).expectError(400))
                .isEqualTo("input 'x' has shape [3,1] (3 elements) but its data holds 2 elements");
    }

    @Test
    void rankThatDoesNotMatchTheSignature() {
        String request = """
                {"inputs": [
                  {"name": "INPUT0", "shape": [16], "datatype": "INT32",
                   "data": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]},
                  {"name": "INPUT1", "shape": [16], "datatype": "INT32",
                   "data": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}]}""";
        assertThat(postJson(SIMPLE, request).expectError(400))
                .isEqualTo("input 'INPUT0' expects shape [-1,16] (rank 2) but got shape [16] (rank 1)");
    }

    @Test
    void truncatedJson() {
        String truncated = x("[3, 1]", "FP32", "[1, 2, 5]").substring(0, 40);
        assertThat(postJson(HALF_PLUS_TWO, truncated).expectError(400)).startsWith("malformed JSON");
    }

    @Test
    void binarySizesThatDoNotMatchTheTensors() {
        // INPUT1 declares 60 bytes, but 16 INT32 values need 64.
        byte[] header = """
                {"inputs": [
                  {"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "parameters": {"binary_data_size": 64}},
                  {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "parameters": {"binary_data_size": 60}}]}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThat(postBinary(SIMPLE, withBinary(header, 124), header.length).expectError(400))
                .isEqualTo("input 'INPUT1' has 60 bytes of binary data but shape [1,16] of INT32 needs 64 bytes");
        // The sizes are right, but the body carries 4 bytes more than they account for.
        byte[] consistent = new String(header, StandardCharsets.UTF_8).replace("60", "64")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(postBinary(SIMPLE, withBinary(consistent, 132), consistent.length).expectError(400))
                .isEqualTo("the binary part of the body is 132 bytes but the inputs' binary_data_size add up to 128");
        // A header length past the end of the body.
        assertThat(postBinary(SIMPLE, withBinary(consistent, 0), consistent.length + 10).expectError(400))
                .contains(V2RequestReader.HEADER_LENGTH);
    }

    @Test
    void unknownModelIsNotFound() {
        assertThat(postJson("/v2/models/no_such_model/infer", x("[3, 1]", "FP32", "[1, 2, 5]")).expectError(404))
                .isEqualTo("Servable not found for request: Latest(no_such_model)");
        assertThat(postJson("/v2/models/half_plus_two/versions/999/infer", x("[3, 1]", "FP32", "[1, 2, 5]"))
                .expectError(404)).isEqualTo("Servable not found for request: Specific(half_plus_two, 999)");
    }

    @Test
    void unknownOutputName() {
        String request = x("[3, 1]", "FP32", "[1, 2, 5]").replaceFirst("}$", ", \"outputs\": [{\"name\": \"q\"}]}");
        assertThat(postJson(HALF_PLUS_TWO, request).expectError(400))
                .startsWith("output 'q' is not an output of signature 'serving_default'");
    }

    @Test
    void goodRequestsStillSucceedAfterBadOnes() {
        postJson(HALF_PLUS_TWO, x("[3, 1]", "FP32", "[1, \"two\", 5]")).expectError(400);
        postJson(HALF_PLUS_TWO, x("[3, 1]", "INT32", "[1, 2, 5]")).expectError(400);
        postJson(HALF_PLUS_TWO, "{\"inputs\": [").expectError(400);
        postJson(SIMPLE, SimpleRequests.simple("1", "1").replace("[1, 16]", "[16]")).expectError(400);
        postBinary(SIMPLE, withBinary("{\"inputs\": []}".getBytes(StandardCharsets.UTF_8), 3), 14)
                .expectError(400);
        postJson("/v2/models/no_such_model/infer", x("[3, 1]", "FP32", "[1, 2, 5]")).expectError(404);

        assertThat(postJson(HALF_PLUS_TWO, x("[3, 1]", "FP32", "[1, 2, 5]")).expect(200)
                .get("outputs").get(0).get("data").toString()).isEqualTo("[2.5,3.0,4.5]");
        assertThat(postJson(SIMPLE, SimpleRequests.simple("0", "1")).expect(200)
                .get("outputs").get(0).get("data").get(15).intValue()).isEqualTo(1);
    }

    private static byte[] withBinary(byte[] header, int binaryBytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(new byte[binaryBytes]);
        return body.toByteArray();
    }

    /** Requests for the simple model with every element of each input set to one JSON token. */
    static final class SimpleRequests {

        static String simple(String input0Element, String input1Element) {
            return "{\"inputs\": [" + input("INPUT0", input0Element) + ", " + input("INPUT1", input1Element) + "]}";
        }

        private static String input(String name, String element) {
            String data = String.join(", ", java.util.Collections.nCopies(16, element));
            return "{\"name\": \"" + name + "\", \"shape\": [1, 16], \"datatype\": \"INT32\", \"data\": [" + data
                    + "]}";
        }
    }
}
