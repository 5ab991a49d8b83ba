package io.verso.inference.api.grpc.tfserving;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.verso.inference.api.grpc.GrpcServerSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import tensorflow.serving.Classification.ClassificationRequest;
import tensorflow.serving.Classification.ClassificationResponse;
import tensorflow.serving.GetModelMetadata.GetModelMetadataRequest;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.GetModelMetadata.SignatureDefMap;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.Inference.InferenceResult;
import tensorflow.serving.Inference.InferenceTask;
import tensorflow.serving.Inference.MultiInferenceRequest;
import tensorflow.serving.Inference.MultiInferenceResponse;
import tensorflow.serving.InputOuterClass.ExampleList;
import tensorflow.serving.InputOuterClass.ExampleListWithContext;
import tensorflow.serving.InputOuterClass.Input;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.ModelManagement.ReloadConfigRequest;
import tensorflow.serving.ModelServiceGrpc;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;
import tensorflow.serving.RegressionOuterClass.Regression;
import tensorflow.serving.RegressionOuterClass.RegressionRequest;

/**
 * TensorFlow Serving's gRPC API, called the way its clients call it: stubs generated from its .proto files, over
 * a real socket, against TensorFlow Serving's own SavedModel fixtures.
 */
class TfServingGrpcIT extends GrpcServerSupport {

    private PredictionServiceGrpc.PredictionServiceBlockingStub predictions;
    private ModelServiceGrpc.ModelServiceBlockingStub models;

    @BeforeEach
    void stubs() {
        predictions = PredictionServiceGrpc.newBlockingStub(channel);
        models = ModelServiceGrpc.newBlockingStub(channel);
    }

    private static ModelSpec spec(String model) {
        return ModelSpec.newBuilder().setName(model).build();
    }

    private static TensorProto.Builder floats(long... shape) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT);
        for (long dim : shape) {
            tensor.getTensorShapeBuilder().addDimBuilder().setSize(dim);
        }
        return tensor;
    }

    private static PredictRequest halfPlusTwo(ModelSpec spec) {
        return PredictRequest.newBuilder().setModelSpec(spec)
                .putInputs("x", floats(3, 1).addFloatVal(1).addFloatVal(2).addFloatVal(5).build()).build();
    }

    private static Example example(Float x) {
        Features.Builder features = Features.newBuilder();
        if (x != null) {
            features.putFeature("x", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(x)).build());
        }
        return Example.newBuilder().setFeatures(features).build();
    }

    private static Input examples(float... xs) {
        ExampleList.Builder list = ExampleList.newBuilder();
        for (float x : xs) {
            list.addExamples(example(x));
        }
        return Input.newBuilder().setExampleList(list).build();
    }

    private void assertServing() {
        assertThat(predictions.predict(halfPlusTwo(spec("half_plus_two"))).getOutputsOrThrow("y").getFloatValList())
                .containsExactly(2.5f, 3.0f, 4.5f);
    }

    @Test
    void predictsFromTypedValuesAndAnswersTheResolvedModelSpec() {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Metadata sent = new Metadata();
        sent.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), "grpc-call-7");
        PredictResponse response = predictions
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent),
                        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .predict(halfPlusTwo(spec("half_plus_two")));

        TensorProto y = response.getOutputsOrThrow("y");
        assertThat(y.getDtype()).isEqualTo(DataType.DT_FLOAT);
        assertThat(y.getTensorShape().getDimList()).extracting(TensorShapeProto.Dim::getSize).containsExactly(3L, 1L);
        assertThat(y.getFloatValList()).containsExactly(2.5f, 3.0f, 4.5f);
        assertThat(response.getModelSpec()).isEqualTo(ModelSpec.newBuilder().setName("half_plus_two")
                .setVersion(Int64Value.of(123)).setSignatureName("serving_default").build());
        assertThat(headers.get().get(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("grpc-call-7");
    }

    @Test
    void predictsFromTensorContentAndFillsFromOneValue() {
        ByteBuffer content = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(5);
        PredictRequest packed = PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("x", floats(3, 1).setTensorContent(ByteString.copyFrom(content.array())).build()).build();
        assertThat(predictions.predict(packed).getOutputsOrThrow("y").getFloatValList())
                .containsExactly(2.5f, 3.0f, 4.5f);

        // As in TensorFlow, one typed value fills the whole shape.
        PredictRequest filled = PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("x", floats(2, 1).addFloatVal(4).build()).build();
        assertThat(predictions.predict(filled).getOutputsOrThrow("y").getFloatValList()).containsExactly(4f, 4f);
    }

    @Test
    void picksSignaturesAndFiltersOutputs() {
        SignatureDef regress = signatures("half_plus_two").get("regress_x2_to_y3");
        String input = regress.getInputsMap().keySet().iterator().next();
        String output = regress.getOutputsMap().keySet().iterator().next();
        PredictRequest request = PredictRequest.newBuilder()
                .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x2_to_y3"))
                .putInputs(input, floats(3, 1).addFloatVal(1).addFloatVal(2).addFloatVal(5).build())
                .addOutputFilter(output).build();
        PredictResponse response = predictions.predict(request);
        assertThat(response.getOutputsMap()).containsOnlyKeys(output);
        assertThat(response.getOutputsOrThrow(output).getFloatValList()).containsExactly(3.5f, 4.0f, 5.5f);
        assertThat(response.getModelSpec().getSignatureName()).isEqualTo("regress_x2_to_y3");

        assertStatus(() -> predictions.predict(halfPlusTwo(spec("half_plus_two")).toBuilder()
                .addOutputFilter("nope").build()), Status.Code.INVALID_ARGUMENT, "nope");
        assertStatus(() -> predictions.predict(halfPlusTwo(spec("half_plus_two").toBuilder()
                .setSignatureName("nope").build())), Status.Code.INVALID_ARGUMENT,
                "Serving signature name: \"nope\" not found");
    }

    @Test
    void pinsVersionsByNumberAndLabel() {
        assertThat(version(spec("two_versions"))).as("the stable label is the default").isEqualTo(123);
        assertThat(version(spec("two_versions").toBuilder().setVersion(Int64Value.of(124)).build())).isEqualTo(124);
        assertThat(version(spec("two_versions").toBuilder().setVersionLabel("canary").build())).isEqualTo(124);
        assertThat(version(spec("two_versions").toBuilder().setVersionLabel("stable").build())).isEqualTo(123);

        assertStatus(() -> version(spec("two_versions").toBuilder().setVersion(Int64Value.of(125)).build()),
                Status.Code.NOT_FOUND, "Servable not found for request: Specific(two_versions, 125)");
        assertStatus(() -> version(spec("two_versions").toBuilder().setVersionLabel("beta").build()),
                Status.Code.INVALID_ARGUMENT, "Unrecognized servable version label: beta");
        assertServing();
    }

    private long version(ModelSpec spec) {
        PredictResponse response = predictions.predict(halfPlusTwo(spec));
        assertThat(response.getOutputsOrThrow("y").getFloatValList()).containsExactly(2.5f, 3.0f, 4.5f);
        return response.getModelSpec().getVersion().getValue();
    }

    @Test
    void classifiesAndRegressesExamples() {
        ClassificationResponse classified = predictions.classify(ClassificationRequest.newBuilder()
                .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("classify_x_to_y"))
                .setInput(examples(1, 2, 5)).build());
        assertThat(classified.getModelSpec().getSignatureName()).isEqualTo("classify_x_to_y");
        assertThat(classified.getModelSpec().getVersion().getValue()).isEqualTo(123);
        assertThat(classified.getResult().getClassificationsList()).hasSize(3)
                .allSatisfy(row -> assertThat(row.getClassesList()).hasSize(1));
        assertThat(classified.getResult().getClassificationsList())
                .extracting(row -> row.getClasses(0).getScore()).containsExactly(2.5f, 3.0f, 4.5f);

        assertThat(predictions.regress(RegressionRequest.newBuilder()
                .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x_to_y"))
                .setInput(examples(1, 2, 5)).build()).getResult().getRegressionsList())
                .extracting(Regression::getValue).containsExactly(2.5f, 3.0f, 4.5f);

        // The context's features are every example's, under the example's own.
        Input withContext = Input.newBuilder().setExampleListWithContext(ExampleListWithContext.newBuilder()
                .setContext(example(2f)).addExamples(example(null)).addExamples(example(5f))).build();
        assertThat(predictions.regress(RegressionRequest.newBuilder()
                .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x_to_y2"))
                .setInput(withContext).build()).getResult().getRegressionsList())
                .extracting(Regression::getValue).containsExactly(4.0f, 5.5f);

        assertStatus(() -> predictions.classify(ClassificationRequest.newBuilder()
                .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x_to_y"))
                .setInput(examples(1)).build()), Status.Code.INVALID_ARGUMENT, "tensorflow/serving/classify");
        assertStatus(() -> predictions.regress(RegressionRequest.newBuilder()
                .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x_to_y")).build()),
                Status.Code.INVALID_ARGUMENT, "Input is empty");
        assertServing();
    }

    @Test
    void runsMultiInferenceTasksOnOneModel() {
        MultiInferenceResponse response = predictions.multiInference(MultiInferenceRequest.newBuilder()
                .addTasks(InferenceTask.newBuilder().setMethodName("tensorflow/serving/classify")
                        .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("classify_x_to_y")))
                .addTasks(InferenceTask.newBuilder().setMethodName("tensorflow/serving/regress")
                        .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x_to_y")))
                .setInput(examples(1, 5)).build());

        List<InferenceResult> results = response.getResultsList();
        assertThat(results).extracting(r -> r.getModelSpec().getSignatureName())
                .containsExactly("classify_x_to_y", "regress_x_to_y");
        assertThat(results.get(0).getClassificationResult().getClassificationsList())
                .extracting(row -> row.getClasses(0).getScore()).containsExactly(2.5f, 4.5f);
        assertThat(results.get(1).getRegressionResult().getRegressionsList())
                .extracting(Regression::getValue).containsExactly(2.5f, 4.5f);

        assertStatus(() -> predictions.multiInference(MultiInferenceRequest.newBuilder()
                .addTasks(InferenceTask.newBuilder().setMethodName("tensorflow/serving/regress")
                        .setModelSpec(spec("half_plus_two").toBuilder().setSignatureName("regress_x_to_y")))
                .addTasks(InferenceTask.newBuilder().setMethodName("tensorflow/serving/regress")
                        .setModelSpec(spec("two_versions").toBuilder().setSignatureName("regress_x_to_y")))
                .setInput(examples(1)).build()), Status.Code.INVALID_ARGUMENT, "same model name and version");
    }

    @Test
    void describesSignaturesInASignatureDefMap() {
        GetModelMetadataResponse response = predictions.getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(spec("half_plus_two")).addMetadataField("signature_def").build());
        assertThat(response.getModelSpec().getVersion().getValue()).isEqualTo(123);
        SignatureDef serving = signatures("half_plus_two").get("serving_default");
        assertThat(serving.getMethodName()).isEqualTo("tensorflow/serving/predict");
        assertThat(serving.getInputsOrThrow("x").getDtype()).isEqualTo(DataType.DT_FLOAT);
        assertThat(serving.getInputsOrThrow("x").getTensorShape().getDim(0).getSize()).isEqualTo(-1);
        assertThat(signatures("half_plus_two").get("classify_x_to_y").getInputsOrThrow("inputs")
                .getTensorShape().getUnknownRank()).isTrue();

        assertStatus(() -> predictions.getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(spec("half_plus_two")).build()), Status.Code.INVALID_ARGUMENT, "metadata_field");
        assertStatus(() -> predictions.getModelMetadata(GetModelMetadataRequest.newBuilder()
                .setModelSpec(spec("half_plus_two")).addMetadataField("graph").build()),
                Status.Code.INVALID_ARGUMENT, "Metadata field graph is not supported");
    }

    private java.util.Map<String, SignatureDef> signatures(String model) {
        try {
            return predictions.getModelMetadata(GetModelMetadataRequest.newBuilder().setModelSpec(spec(model))
                    .addMetadataField("signature_def").build())
                    .getMetadataOrThrow("signature_def").unpack(SignatureDefMap.class).getSignatureDefMap();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reportsModelStatusAndRefusesConfigReloads() {
        GetModelStatusResponse status = models.getModelStatus(GetModelStatusRequest.newBuilder()
                .setModelSpec(spec("half_plus_two")).build());
        assertThat(status.getModelVersionStatusList()).singleElement().satisfies(version -> {
            assertThat(version.getVersion()).isEqualTo(123);
            assertThat(version.getState()).isEqualTo(ModelVersionStatus.State.AVAILABLE);
            assertThat(version.getStatus().getErrorCode()).isEqualTo(org.tensorflow.proto.error.Code.OK);
        });
        assertThat(models.getModelStatus(GetModelStatusRequest.newBuilder()
                .setModelSpec(spec("two_versions").toBuilder().setVersionLabel("canary")).build())
                .getModelVersionStatusList()).extracting(ModelVersionStatus::getVersion).containsExactly(124L);
        assertThat(models.getModelStatus(GetModelStatusRequest.newBuilder().setModelSpec(spec("two_versions")).build())
                .getModelVersionStatusList()).extracting(ModelVersionStatus::getVersion).containsExactly(124L, 123L);

        assertStatus(() -> models.getModelStatus(GetModelStatusRequest.newBuilder().setModelSpec(spec("missing"))
                .build()), Status.Code.NOT_FOUND, "Could not find any versions of model missing");
        assertStatus(() -> models.handleReloadConfigRequest(ReloadConfigRequest.getDefaultInstance()),
                Status.Code.FAILED_PRECONDITION, "managed by its configuration");
    }

    @Test
    void refusesBadCallsWithTheirStatusCodesAndKeepsServing() {
        assertStatus(() -> predictions.predict(halfPlusTwo(spec("missing"))), Status.Code.NOT_FOUND,
                "Servable not found for request: Latest(missing)");
        assertServing();
        assertStatus(() -> predictions.predict(halfPlusTwo(ModelSpec.getDefaultInstance())),
                Status.Code.INVALID_ARGUMENT, "model_spec.name is required");
        assertServing();
        assertStatus(() -> predictions.predict(PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("x", TensorProto.newBuilder().setDtype(DataType.DT_INT32).setTensorShape(
                        floats(1).getTensorShape()).addIntVal(1).build()).build()),
                Status.Code.INVALID_ARGUMENT, "input 'x' has dtype DT_INT32 but signature 'serving_default' expects DT_FLOAT");
        assertServing();
        assertStatus(() -> predictions.predict(PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("x", floats(3, 1).addFloatVal(1).addFloatVal(2).build()).build()),
                Status.Code.INVALID_ARGUMENT, "input 'x' has 2 values in its float_val field but shape [3,1] needs 3");
        assertServing();
        assertStatus(() -> predictions.predict(PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("x", floats(3, 1).setTensorContent(ByteString.copyFrom(new byte[10])).build()).build()),
                Status.Code.INVALID_ARGUMENT, "input 'x' has 10 bytes of binary data but shape [3,1] of FP32 needs 12");
        assertServing();
        assertStatus(() -> predictions.predict(PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("z", floats(1).addFloatVal(1).build()).build()),
                Status.Code.INVALID_ARGUMENT, "input 'z' is not an input of signature 'serving_default'");
        assertServing();
    }

    @Test
    void refusesAMessageOverTheLimitWithoutReadingIt() {
        // 64 MB of floats: far over the 8 MB limit this server is configured with.
        int count = 16 * 1024 * 1024;
        PredictRequest huge = PredictRequest.newBuilder().setModelSpec(spec("half_plus_two"))
                .putInputs("x", floats(count, 1).setTensorContent(ByteString.copyFrom(new byte[count * 4])).build())
                .build();
        assertThat(huge.getSerializedSize()).isGreaterThan(64 * 1024 * 1024);
        assertStatus(() -> predictions.predict(huge), Status.Code.RESOURCE_EXHAUSTED, "exceeds maximum");
        assertServing();
    }
}
