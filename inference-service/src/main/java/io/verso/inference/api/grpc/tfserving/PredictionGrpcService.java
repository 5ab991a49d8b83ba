package io.verso.inference.api.grpc.tfserving;

import com.google.protobuf.Any;
import io.grpc.stub.StreamObserver;
import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.grpc.GrpcCalls;
import io.verso.inference.api.grpc.Unary;
import io.verso.inference.api.tfserving.Examples;
import io.verso.inference.dataplane.InferenceRequest;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import tensorflow.serving.Classification.Class;
import tensorflow.serving.Classification.ClassificationRequest;
import tensorflow.serving.Classification.ClassificationResponse;
import tensorflow.serving.Classification.ClassificationResult;
import tensorflow.serving.Classification.Classifications;
import tensorflow.serving.GetModelMetadata.GetModelMetadataRequest;
import tensorflow.serving.GetModelMetadata.GetModelMetadataResponse;
import tensorflow.serving.GetModelMetadata.SignatureDefMap;
import tensorflow.serving.Inference.InferenceResult;
import tensorflow.serving.Inference.InferenceTask;
import tensorflow.serving.Inference.MultiInferenceRequest;
import tensorflow.serving.Inference.MultiInferenceResponse;
import tensorflow.serving.InputOuterClass.Input;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;
import tensorflow.serving.RegressionOuterClass.Regression;
import tensorflow.serving.RegressionOuterClass.RegressionRequest;
import tensorflow.serving.RegressionOuterClass.RegressionResponse;
import tensorflow.serving.RegressionOuterClass.RegressionResult;

/**
 * {@code tensorflow.serving.PredictionService}. Every answer carries the resolved {@code model_spec}: the version
 * that ran and the signature key. MultiInference runs each task as its own call of the data plane (TensorFlow
 * Serving runs them in one session run); as in TensorFlow Serving, its tasks must name one model and version.
 */
public final class PredictionGrpcService extends PredictionServiceGrpc.PredictionServiceImplBase {

    /** The API name observers and metrics see, the same as REST's: one API, two transports. */
    static final String API = "tfserving";
    static final String SIGNATURE_DEF = "signature_def";

    private final InferenceService service;
    private final EncodingMetrics encoding;
    private final Unary unary;

    public PredictionGrpcService(InferenceService service, EncodingMetrics encoding, Unary unary) {
        this.service = service;
        this.encoding = encoding;
        this.unary = unary;
    }

    @Override
    public void predict(PredictRequest request, StreamObserver<PredictResponse> observer) {
        ModelSpec spec = request.getModelSpec();
        unary.later(observer, () -> GrpcCalls.observed(service, API, "predict", spec.getName(),
                request.getSerializedSize(), call -> service.infer(new InferenceRequest(ModelSpecs.name(spec),
                        ModelSpecs.selector(spec), spec.getSignatureName(),
                        signature -> inputs(signature, request.getInputsMap()),
                        new LinkedHashSet<>(request.getOutputFilterList()), call.handOver()))),
                prediction -> encoding.time(API, prediction, () -> {
                    PredictResponse.Builder response = PredictResponse.newBuilder().setModelSpec(resolved(prediction));
                    prediction.outputs().forEach((key, value) -> response.putOutputs(key,
                            TensorProtoCodec.write(value)));
                    return response.build();
                }));
    }

    @Override
    public void classify(ClassificationRequest request, StreamObserver<ClassificationResponse> observer) {
        unary.later(observer, () -> examples(request.getModelSpec(), request.getInput(), "classify",
                        SignatureSpec.CLASSIFY_METHOD, request.getSerializedSize()),
                prediction -> encoding.time(API, prediction, () -> ClassificationResponse.newBuilder()
                        .setModelSpec(resolved(prediction))
                        .setResult(classification(prediction, ExampleInputs.count(request.getInput()))).build()));
    }

    @Override
    public void regress(RegressionRequest request, StreamObserver<RegressionResponse> observer) {
        unary.later(observer, () -> examples(request.getModelSpec(), request.getInput(), "regress",
                        SignatureSpec.REGRESS_METHOD, request.getSerializedSize()),
                prediction -> encoding.time(API, prediction, () -> RegressionResponse.newBuilder()
                        .setModelSpec(resolved(prediction))
                        .setResult(regression(prediction, ExampleInputs.count(request.getInput()))).build()));
    }

    @Override
    public void multiInference(MultiInferenceRequest request, StreamObserver<MultiInferenceResponse> observer) {
        unary.later(observer, () -> {
            List<String> methods = checkTasks(request);
            List<CompletableFuture<Prediction>> runs = new ArrayList<>();
            for (int i = 0; i < request.getTasksCount(); i++) {
                InferenceTask task = request.getTasks(i);
                runs.add(examples(task.getModelSpec(), request.getInput(), "multi_inference", methods.get(i),
                        request.getSerializedSize()));
            }
            return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                    .thenApply(done -> runs.stream().map(CompletableFuture::join).toList());
        }, predictions -> {
            int examples = ExampleInputs.count(request.getInput());
            List<String> methods = checkTasks(request);
            MultiInferenceResponse.Builder response = MultiInferenceResponse.newBuilder();
            for (int i = 0; i < predictions.size(); i++) {
                Prediction prediction = predictions.get(i);
                InferenceResult.Builder result = response.addResultsBuilder().setModelSpec(resolved(prediction));
                if (methods.get(i).equals(SignatureSpec.REGRESS_METHOD)) {
                    result.setRegressionResult(regression(prediction, examples));
                } else {
                    result.setClassificationResult(classification(prediction, examples));
                }
            }
            return response.build();
        });
    }

    @Override
    public void getModelMetadata(GetModelMetadataRequest request, StreamObserver<GetModelMetadataResponse> observer) {
        unary.now(observer, () -> {
            String model = ModelSpecs.name(request.getModelSpec());
            if (request.getMetadataFieldCount() == 0) {
                throw InferenceException.invalid("GetModelMetadataRequest must specify at least one metadata_field");
            }
            for (String field : request.getMetadataFieldList()) {
                if (!SIGNATURE_DEF.equals(field)) {
                    throw InferenceException.invalid("Metadata field " + field + " is not supported");
                }
            }
            VersionMetadata metadata = service.metadata(model, ModelSpecs.selector(request.getModelSpec()));
            SignatureDefMap.Builder signatures = SignatureDefMap.newBuilder();
            metadata.metadata().signatures().forEach((key, signature) ->
                    signatures.putSignatureDef(key, signatureDef(signature)));
            return GetModelMetadataResponse.newBuilder()
                    .setModelSpec(ModelSpecs.resolved(model, metadata.version(), ""))
                    .putMetadata(SIGNATURE_DEF, Any.pack(signatures.build())).build();
        });
    }

    private CompletableFuture<Prediction> examples(ModelSpec spec, Input input, String method, String signatureMethod,
                                                   int requestBytes) {
        return GrpcCalls.observed(service, API, method, spec.getName(), requestBytes, call -> {
            ExampleInputs.count(input);
            return service.infer(new InferenceRequest(ModelSpecs.name(spec), ModelSpecs.selector(spec),
                    spec.getSignatureName(), ExampleInputs.decoder(input, signatureMethod), Set.of(),
                    call.handOver()));
        });
    }

    /** TensorFlow Serving's rules for MultiInference tasks; answers each task's signature method. */
    private static List<String> checkTasks(MultiInferenceRequest request) {
        if (request.getTasksCount() == 0) {
            throw InferenceException.invalid("MultiInferenceRequest must have at least one task");
        }
        ModelSpec first = request.getTasks(0).getModelSpec();
        Set<String> signatures = new LinkedHashSet<>();
        List<String> methods = new ArrayList<>();
        for (InferenceTask task : request.getTasksList()) {
            ModelSpec spec = task.getModelSpec();
            if (!spec.getName().equals(first.getName()) || !ModelSpecs.selector(spec).equals(ModelSpecs.selector(first))) {
                throw InferenceException.invalid("All ModelSpecs in a MultiInferenceRequest must access the same "
                        + "model name and version");
            }
            if (!signatures.add(spec.getSignatureName())) {
                throw InferenceException.invalid("Duplicate evaluation of signature: " + spec.getSignatureName());
            }
            String method = task.getMethodName();
            if (!method.equals(SignatureSpec.CLASSIFY_METHOD) && !method.equals(SignatureSpec.REGRESS_METHOD)) {
                throw InferenceException.invalid("Unsupported signature method_name: " + method
                        + "; MultiInference runs " + SignatureSpec.CLASSIFY_METHOD + " and "
                        + SignatureSpec.REGRESS_METHOD);
            }
            methods.add(method);
        }
        return methods;
    }

    /** Checks each input against the signature, then reads it; runs on an inference thread. */
    private static Map<String, TensorValue> inputs(SignatureSpec signature, Map<String, TensorProto> protos) {
        Map<String, TensorValue> inputs = new LinkedHashMap<>();
        protos.forEach((key, proto) -> {
            TensorSpec spec = signature.inputs().get(key);
            if (spec == null) {
                throw InferenceException.invalid("input '" + key + "' is not an input of signature '"
                        + signature.key() + "'; its inputs are " + signature.inputs().keySet());
            }
            var type = TensorProtoCodec.dataType(key, proto.getDtype());
            if (type != spec.dataType()) {
                throw InferenceException.invalid("input '" + key + "' has dtype " + type.tfName() + " but signature '"
                        + signature.key() + "' expects " + spec.dataType().tfName());
            }
            inputs.put(key, TensorProtoCodec.read(key, type, proto));
        });
        return inputs;
    }

    private static ModelSpec resolved(Prediction prediction) {
        return ModelSpecs.resolved(prediction.model(), prediction.version(), prediction.signature().key());
    }

    private static ClassificationResult classification(Prediction prediction, int examples) {
        Examples.Classes classes = Examples.classes(prediction, examples);
        ClassificationResult.Builder result = ClassificationResult.newBuilder();
        for (int i = 0; i < examples; i++) {
            Classifications.Builder row = result.addClassificationsBuilder();
            for (int c = 0; c < classes.perExample(); c++) {
                Class.Builder scored = row.addClassesBuilder().setLabel(classes.label(i, c));
                if (classes.hasScores()) {
                    scored.setScore(classes.score(i, c));
                }
            }
        }
        return result.build();
    }

    private static RegressionResult regression(Prediction prediction, int examples) {
        RegressionResult.Builder result = RegressionResult.newBuilder();
        for (float value : Examples.regressions(prediction, examples)) {
            result.addRegressions(Regression.newBuilder().setValue(value));
        }
        return result.build();
    }

    private static SignatureDef signatureDef(SignatureSpec signature) {
        SignatureDef.Builder def = SignatureDef.newBuilder().setMethodName(signature.methodName());
        signature.inputs().forEach((key, spec) -> def.putInputs(key, tensorInfo(spec)));
        signature.outputs().forEach((key, spec) -> def.putOutputs(key, tensorInfo(spec)));
        return def.build();
    }

    private static TensorInfo tensorInfo(TensorSpec spec) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        if (spec.shape().isUnknownRank()) {
            shape.setUnknownRank(true);
        } else {
            for (int i = 0; i < spec.shape().rank(); i++) {
                shape.addDimBuilder().setSize(spec.shape().dim(i));
            }
        }
        return TensorInfo.newBuilder().setName(spec.tensorName())
                .setDtype(org.tensorflow.proto.DataType.valueOf(spec.dataType().tfName()))
                .setTensorShape(shape).build();
    }
}
