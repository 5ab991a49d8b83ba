package io.verso.inference.api.grpc.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2.InferParameter;
import inference.GrpcPredictV2.InferTensorContents;
import inference.GrpcPredictV2.ModelInferRequest;
import inference.GrpcPredictV2.ModelInferRequest.InferInputTensor;
import inference.GrpcPredictV2.ModelInferResponse;
import inference.GrpcPredictV2.ModelMetadataRequest;
import inference.GrpcPredictV2.ModelMetadataResponse;
import inference.GrpcPredictV2.ModelReadyRequest;
import inference.GrpcPredictV2.ServerLiveRequest;
import inference.GrpcPredictV2.ServerMetadataRequest;
import inference.GrpcPredictV2.ServerMetadataResponse;
import io.grpc.Status;
import io.verso.inference.api.grpc.GrpcServerSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Open Inference Protocol's gRPC API with stubs generated from KServe's grpc_predict_v2.proto, over a real
 * socket: Triton's {@code simple} model with typed and raw contents, and TensorFlow Serving's half_plus_two.
 */
class V2GrpcIT extends GrpcServerSupport {

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub v2;

    @BeforeEach
    void stub() {
        v2 = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    private static InferInputTensor.Builder input(String name, String datatype, long... shape) {
        InferInputTensor.Builder input = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long dim : shape) {
            input.addShape(dim);
        }
        return input;
    }

    /** INPUT0 = 0..15 and INPUT1 = all ones, as in Triton's simple example clients. */
    private static ModelInferRequest simpleTyped() {
        InferTensorContents.Builder zeroToFifteen = InferTensorContents.newBuilder();
        InferTensorContents.Builder ones = InferTensorContents.newBuilder();
        for (int i = 0; i < 16; i++) {
            zeroToFifteen.addIntContents(i);
            ones.addIntContents(1);
        }
        return ModelInferRequest.newBuilder().setModelName("simple").setId("call-1")
                .addInputs(input("INPUT0", "INT32", 1, 16).setContents(zeroToFifteen))
                .addInputs(input("INPUT1", "INT32", 1, 16).setContents(ones)).build();
    }

    private static ByteString ints(IntStream values) {
        int[] array = values.toArray();
        ByteBuffer raw = ByteBuffer.allocate(array.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asIntBuffer().put(array);
        return ByteString.copyFrom(raw.array());
    }

    private static List<Integer> ints(ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new ArrayList<>();
        while (buffer.hasRemaining()) {
            out.add(buffer.getInt());
        }
        return out;
    }

    private void assertServing() {
        ModelInferResponse response = v2.modelInfer(simpleTyped());
        assertThat(response.getOutputs(0).getContents().getIntContentsList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
    }

    @Test
    void answersHealthAndServerMetadata() {
        assertThat(v2.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        ServerMetadataResponse server = v2.serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertThat(server.getName()).isEqualTo("verso");
        assertThat(server.getExtensionsList()).contains("binary_tensor_data");
        assertThat(v2.modelReady(ModelReadyRequest.newBuilder().setName("simple").build()).getReady()).isTrue();
        assertThat(v2.modelReady(ModelReadyRequest.newBuilder().setName("two_versions").setVersion("124").build())
                .getReady()).isTrue();
        assertStatus(() -> v2.modelReady(ModelReadyRequest.newBuilder().setName("missing").build()),
                Status.Code.NOT_FOUND, "missing");
    }

    @Test
    void describesModels() {
        ModelMetadataResponse simple = v2.modelMetadata(ModelMetadataRequest.newBuilder().setName("simple").build());
        assertThat(simple.getName()).isEqualTo("simple");
        assertThat(simple.getVersionsList()).containsExactly("1");
        assertThat(simple.getPlatform()).isEqualTo("tensorflow_savedmodel");
        assertThat(simple.getInputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
                .containsExactly("INPUT0", "INPUT1");
        assertThat(simple.getInputs(0).getDatatype()).isEqualTo("INT32");
        assertThat(v2.modelMetadata(ModelMetadataRequest.newBuilder().setName("two_versions").build())
                .getVersionsList()).containsExactly("123", "124");
        assertStatus(() -> v2.modelMetadata(ModelMetadataRequest.newBuilder().setName("missing").build()),
                Status.Code.NOT_FOUND, "missing");
    }

    @Test
    void infersWithTypedContents() {
        ModelInferResponse response = v2.modelInfer(simpleTyped());
        assertThat(response.getModelName()).isEqualTo("simple");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEqualTo("call-1");
        assertThat(response.getRawOutputContentsCount()).isZero();
        assertThat(response.getOutputsList()).extracting(o -> o.getName() + ":" + o.getDatatype() + o.getShapeList())
                .containsExactly("OUTPUT0:INT32[1, 16]", "OUTPUT1:INT32[1, 16]");
        assertThat(response.getOutputs(0).getContents().getIntContentsList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
        assertThat(response.getOutputs(1).getContents().getIntContentsList())
                .containsExactlyElementsOf(IntStream.rangeClosed(-1, 14).boxed().toList());

        ModelInferResponse filtered = v2.modelInfer(simpleTyped().toBuilder()
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("OUTPUT1")).build());
        assertThat(filtered.getOutputsList()).extracting(o -> o.getName()).containsExactly("OUTPUT1");
    }

    @Test
    void infersWithRawContents() {
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("simple")
                .addInputs(input("INPUT0", "INT32", 1, 16)).addInputs(input("INPUT1", "INT32", 1, 16))
                .addRawInputContents(ints(IntStream.range(0, 16)))
                .addRawInputContents(ints(IntStream.generate(() -> 1).limit(16))).build();
        ModelInferResponse response = v2.modelInfer(request);
        assertThat(response.getRawOutputContentsCount()).isEqualTo(2);
        assertThat(response.getOutputs(0).hasContents()).isFalse();
        assertThat(ints(response.getRawOutputContents(0)))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
        assertThat(ints(response.getRawOutputContents(1)))
                .containsExactlyElementsOf(IntStream.rangeClosed(-1, 14).boxed().toList());
    }

    @Test
    void pinsVersionsByNumberAndLabelAndPicksSignatures() {
        ModelInferRequest halfPlusTwo = ModelInferRequest.newBuilder().setModelName("two_versions")
                .addInputs(input("x", "FP32", 3, 1).setContents(InferTensorContents.newBuilder()
                        .addFp32Contents(1).addFp32Contents(2).addFp32Contents(5))).build();
        ModelInferResponse stable = v2.modelInfer(halfPlusTwo);
        assertThat(stable.getModelVersion()).isEqualTo("123");
        assertThat(stable.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(2.5f, 3.0f, 4.5f);
        assertThat(v2.modelInfer(halfPlusTwo.toBuilder().setModelVersion("124").build()).getModelVersion())
                .isEqualTo("124");
        assertThat(v2.modelInfer(halfPlusTwo.toBuilder().setModelVersion("canary").build()).getModelVersion())
                .isEqualTo("124");
        assertStatus(() -> v2.modelInfer(halfPlusTwo.toBuilder().setModelVersion("125").build()),
                Status.Code.NOT_FOUND, "Specific(two_versions, 125)");
        assertStatus(() -> v2.modelInfer(halfPlusTwo.toBuilder().setModelVersion("beta").build()),
                Status.Code.INVALID_ARGUMENT, "Unrecognized servable version label: beta");
        assertStatus(() -> v2.modelInfer(halfPlusTwo.toBuilder().putParameters("signature_name",
                InferParameter.newBuilder().setStringParam("nope").build()).build()),
                Status.Code.INVALID_ARGUMENT, "Serving signature name: \"nope\" not found");
        assertServing();
    }

    @Test
    void refusesBadCallsWithTheirStatusCodesAndKeepsServing() {
        assertStatus(() -> v2.modelInfer(simpleTyped().toBuilder().setModelName("missing").build()),
                Status.Code.NOT_FOUND, "Latest(missing)");
        assertServing();
        ModelInferRequest wrongType = simpleTyped().toBuilder()
                .setInputs(0, simpleTyped().getInputs(0).toBuilder().setDatatype("FP32")).build();
        assertStatus(() -> v2.modelInfer(wrongType), Status.Code.INVALID_ARGUMENT,
                "input 'INPUT0' has datatype FP32 but signature 'serving_default' expects INT32");
        assertServing();
        ModelInferRequest tooFew = simpleTyped().toBuilder().setInputs(0, simpleTyped().getInputs(0).toBuilder()
                .setContents(InferTensorContents.newBuilder().addIntContents(1))).build();
        assertStatus(() -> v2.modelInfer(tooFew), Status.Code.INVALID_ARGUMENT,
                "input 'INPUT0' has 1 INT32 values but shape [1,16] needs 16");
        assertServing();
        ModelInferRequest oneRaw = ModelInferRequest.newBuilder().setModelName("simple")
                .addInputs(input("INPUT0", "INT32", 1, 16)).addInputs(input("INPUT1", "INT32", 1, 16))
                .addRawInputContents(ints(IntStream.range(0, 16))).build();
        assertStatus(() -> v2.modelInfer(oneRaw), Status.Code.INVALID_ARGUMENT,
                "raw_input_contents has 1 entries but the request has 2 inputs");
        assertServing();
        ModelInferRequest shortRaw = oneRaw.toBuilder().addRawInputContents(ints(IntStream.range(0, 15))).build();
        assertStatus(() -> v2.modelInfer(shortRaw), Status.Code.INVALID_ARGUMENT,
                "input 'INPUT1' has 60 bytes of binary data but shape [1,16] of INT32 needs 64 bytes");
        assertServing();
    }
}
