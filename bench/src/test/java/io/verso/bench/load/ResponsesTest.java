package io.verso.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;

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
    void readsAGrpcAnswerPackedOrTyped() {
        TensorProto.Builder y = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT);
        byte[] packed = PredictResponse.newBuilder().putOutputs("y", y.setTensorContent(ByteString.copyFrom(
                Payloads.littleEndian(new float[] {2.5f, 4.5f}))).build()).build().toByteArray();
        assertThat(Responses.outputs(Protocol.TFSERVING_GRPC, null, packed)).containsExactly(2.5f, 4.5f);
        byte[] typed = PredictResponse.newBuilder().putOutputs("y", TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT).addFloatVal(3).build()).build().toByteArray();
        assertThat(Responses.outputs(Protocol.TFSERVING_GRPC, null, typed)).containsExactly(3f);
    }

    @Test
    void aGrpcRequestIsOneFramedPredictRequest() throws Exception {
        Payload payload = Payloads.build(Protocol.TFSERVING_GRPC, "m", new float[] {1, 2}, 1, 2, 1);
        assertThat(payload.body()[0]).isZero();
        assertThat(ByteBuffer.wrap(payload.body(), 1, 4).getInt()).isEqualTo(payload.body().length - 5);
        PredictRequest request = PredictRequest.parseFrom(Payloads.grpcMessage(payload.body()));
        assertThat(request.getModelSpec().getName()).isEqualTo("m");
        assertThat(request.getInputsOrThrow("x").getTensorShape().getDimList()).extracting(d -> d.getSize())
                .containsExactly(1L, 2L);
        assertThat(payload.headers()).containsEntry("content-type", "application/grpc");
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
