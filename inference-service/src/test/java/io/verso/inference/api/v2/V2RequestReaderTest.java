package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class V2RequestReaderTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void readsAJsonRequest() {
        V2InferRequest request = V2RequestReader.read(utf8("""
                {"id": "42", "parameters": {"signature_name": "sig"},
                 "inputs": [{"name": "x", "shape": [3, 1], "datatype": "FP32", "data": [1, 2, 5]}],
                 "outputs": [{"name": "y"}, {"name": "z", "parameters": {"binary_data": true}}]}
                """), null);
        assertThat(request.id()).isEqualTo("42");
        assertThat(request.signatureName()).isEqualTo("sig");
        assertThat(request.inputs()).singleElement().satisfies(input -> {
            assertThat(input.name()).isEqualTo("x");
            assertThat(input.datatype()).isEqualTo(DataType.FP32);
            assertThat(input.shape()).containsExactly(3, 1);
            assertThat(input.data().size()).isEqualTo(3);
            assertThat(input.binary()).isNull();
        });
        assertThat(request.isBinary("y")).isFalse();
        assertThat(request.isBinary("z")).isTrue();
    }

    @Test
    void requestLevelBinaryOutputAppliesUnlessAnOutputSaysOtherwise() {
        V2InferRequest request = V2RequestReader.read(utf8("""
                {"parameters": {"binary_data_output": true}, "inputs": [],
                 "outputs": [{"name": "a", "parameters": {"binary_data": false}}]}
                """), null);
        assertThat(request.isBinary("a")).isFalse();
        assertThat(request.isBinary("b")).isTrue();
    }

    @Test
    void splitsTheBinaryPartAmongInputsInOrder() {
        byte[] header = utf8("""
                {"inputs": [
                  {"name": "a", "shape": [2], "datatype": "INT8", "parameters": {"binary_data_size": 2}},
                  {"name": "j", "shape": [1], "datatype": "INT8", "data": [9]},
                  {"name": "b", "shape": [3], "datatype": "INT8", "parameters": {"binary_data_size": 3}}]}""");
        byte[] body = concat(header, new byte[] {1, 2, 3, 4, 5});
        V2InferRequest request = V2RequestReader.read(body, Integer.toString(header.length));
        assertThat(request.inputs().get(0).binary().remaining()).isEqualTo(2);
        assertThat(request.inputs().get(0).binary().get(0)).isEqualTo((byte) 1);
        assertThat(request.inputs().get(1).binary()).isNull();
        assertThat(request.inputs().get(2).binary().remaining()).isEqualTo(3);
        assertThat(request.inputs().get(2).binary().get(0)).isEqualTo((byte) 3);
    }

    @Test
    void refusesBinarySizesThatDoNotAccountForTheBody() {
        byte[] header = utf8("""
                {"inputs": [{"name": "a", "shape": [2], "datatype": "INT8", "parameters": {"binary_data_size": 2}}]}""");
        assertThatThrownBy(() -> V2RequestReader.read(concat(header, new byte[3]), "" + header.length))
                .isInstanceOf(InferenceException.class)
                .hasMessage("the binary part of the body is 3 bytes but the inputs' binary_data_size add up to 2");
        assertThatThrownBy(() -> V2RequestReader.read(concat(header, new byte[1]), "" + header.length))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("input 'a' has binary_data_size 2 but only 1 bytes");
        assertThatThrownBy(() -> V2RequestReader.read(header, null))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("input 'a'").hasMessageContaining("Inference-Header-Content-Length");
    }

    @Test
    void refusesAHeaderLengthOutsideTheBody() {
        assertThatThrownBy(() -> V2RequestReader.read(utf8("{}"), "5"))
                .isInstanceOf(InferenceException.class)
                .hasMessage("Inference-Header-Content-Length is 5 but the body has only 2 bytes");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("{}"), "two"))
                .isInstanceOf(InferenceException.class).hasMessageContaining("'two'");
    }

    @Test
    void refusesMalformedStructure() {
        assertThatThrownBy(() -> V2RequestReader.read(utf8("{\"inputs\": [{\"name\": \"x\", \"shape\": [1"), null))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> V2RequestReader.read(new byte[0], null))
                .isInstanceOf(InferenceException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("[1]"), null))
                .isInstanceOf(InferenceException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("{}"), null))
                .isInstanceOf(InferenceException.class).hasMessageContaining("'inputs' array");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("""
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FLOAT32", "data": [1]}]}"""), null))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("input 'x' has unknown datatype 'FLOAT32'").hasMessageContaining("FP32");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("""
                {"inputs": [{"name": "x", "shape": [-1], "datatype": "FP32", "data": [1]}]}"""), null))
                .isInstanceOf(InferenceException.class).hasMessageContaining("input 'x' has an invalid shape");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("""
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP32"}]}"""), null))
                .isInstanceOf(InferenceException.class)
                .hasMessage("input 'x' has neither 'data' nor parameters.binary_data_size");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("""
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1]},
                            {"name": "x", "shape": [1], "datatype": "FP32", "data": [1]}]}"""), null))
                .isInstanceOf(InferenceException.class).hasMessage("input 'x' appears more than once");
        assertThatThrownBy(() -> V2RequestReader.read(utf8("{\"id\": 7, \"inputs\": []}"), null))
                .isInstanceOf(InferenceException.class).hasMessageContaining("'id' of the request must be a string");
    }
}
