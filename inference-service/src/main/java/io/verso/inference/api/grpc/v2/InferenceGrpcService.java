package io.verso.inference.api.grpc.v2;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2.InferParameter;
import inference.GrpcPredictV2.ModelInferRequest;
import inference.GrpcPredictV2.ModelInferRequest.InferInputTensor;
import inference.GrpcPredictV2.ModelInferRequest.InferRequestedOutputTensor;
import inference.GrpcPredictV2.ModelInferResponse;
import inference.GrpcPredictV2.ModelMetadataRequest;
import inference.GrpcPredictV2.ModelMetadataResponse;
import inference.GrpcPredictV2.ModelReadyRequest;
import inference.GrpcPredictV2.ModelReadyResponse;
import inference.GrpcPredictV2.ServerLiveRequest;
import inference.GrpcPredictV2.ServerLiveResponse;
import inference.GrpcPredictV2.ServerMetadataRequest;
import inference.GrpcPredictV2.ServerMetadataResponse;
import inference.GrpcPredictV2.ServerReadyRequest;
import inference.GrpcPredictV2.ServerReadyResponse;
import io.grpc.stub.StreamObserver;
import io.verso.inference.api.BinaryTensorCodec;
import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.grpc.GrpcCalls;
import io.verso.inference.api.grpc.Unary;
import io.verso.inference.api.v2.V2InputDecoder;
import io.verso.inference.api.v2.V2Metadata;
import io.verso.inference.dataplane.InferenceRequest;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.VersionSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code inference.GRPCInferenceService}. ModelInfer answers in raw output contents when the request sent raw
 * input contents, or when an output has no typed field (FP16, BF16); otherwise in typed contents. A signature
 * other than the default is picked with the request parameter {@code signature_name}, as over REST.
 */
public final class InferenceGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    static final String API = "v2";

    private final InferenceService service;
    private final EncodingMetrics encoding;
    private final Unary unary;
    private final String serverVersion;

    public InferenceGrpcService(InferenceService service, EncodingMetrics encoding, Unary unary, String serverVersion) {
        this.service = service;
        this.encoding = encoding;
        this.unary = unary;
        this.serverVersion = serverVersion;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
        unary.now(observer, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
        unary.now(observer, () -> ServerReadyResponse.newBuilder().setReady(service.isServerReady()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> observer) {
        unary.now(observer, () -> ServerMetadataResponse.newBuilder().setName(V2Metadata.SERVER_NAME)
                .setVersion(serverVersion).addAllExtensions(V2Metadata.EXTENSIONS).build());
    }

    /** Unknown models and versions are NOT_FOUND; a known version that cannot serve now is {@code ready: false}. */
    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        unary.now(observer, () -> {
            VersionSelector selector = V2Metadata.selector(request.getVersion());
            service.status(name(request.getName()), selector);
            return ModelReadyResponse.newBuilder().setReady(service.isReady(request.getName(), selector)).build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        unary.now(observer, () -> {
            String model = name(request.getName());
            VersionMetadata metadata = service.metadata(model, V2Metadata.selector(request.getVersion()));
            SignatureSpec signature = metadata.metadata().signature(null);
            ModelMetadataResponse.Builder response = ModelMetadataResponse.newBuilder().setName(model)
                    .addAllVersions(V2Metadata.availableVersions(service.status(model, VersionSelector.DEFAULT)))
                    .setPlatform(V2Metadata.PLATFORM);
            signature.inputs().values().forEach(spec -> response.addInputs(tensor(spec)));
            signature.outputs().values().forEach(spec -> response.addOutputs(tensor(spec)));
            return response.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        boolean raw = request.getRawInputContentsCount() > 0;
        unary.later(observer, () -> GrpcCalls.observed(service, API, "infer", request.getModelName(),
                request.getSerializedSize(), call -> {
                    call.bodyId(request.getId());
                    checkRawContents(request);
                    Set<String> outputs = new LinkedHashSet<>();
                    request.getOutputsList().forEach(output -> outputs.add(output.getName()));
                    return service.infer(new InferenceRequest(name(request.getModelName()),
                            V2Metadata.selector(request.getModelVersion()), signatureName(request),
                            signature -> inputs(signature, request), outputs, call.handOver()));
                }),
                prediction -> encoding.time(API, prediction, () -> response(request, prediction, raw)));
    }

    private static String name(String model) {
        if (model.isEmpty()) {
            throw InferenceException.invalid("the request names no model");
        }
        return model;
    }

    private static String signatureName(ModelInferRequest request) {
        InferParameter parameter = request.getParametersMap().get(V2Metadata.SIGNATURE_PARAM);
        if (parameter == null) {
            return null;
        }
        if (!parameter.hasStringParam()) {
            throw InferenceException.invalid("parameter '" + V2Metadata.SIGNATURE_PARAM + "' must be a string");
        }
        return parameter.getStringParam();
    }

    private static void checkRawContents(ModelInferRequest request) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw InferenceException.invalid("raw_input_contents has " + raw + " entries but the request has "
                    + request.getInputsCount() + " inputs; send one per input, in order, or none");
        }
        for (InferInputTensor input : request.getInputsList()) {
            if (raw > 0 && input.hasContents()) {
                throw InferenceException.invalid("input '" + input.getName() + "' has contents although the request "
                        + "sends raw_input_contents");
            }
        }
    }

    /** Checks each input against the signature, then reads it; runs on an inference thread. */
    private static Map<String, TensorValue> inputs(SignatureSpec signature, ModelInferRequest request) {
        Map<String, TensorValue> inputs = new LinkedHashMap<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            DataType type = DataType.fromV2Name(input.getDatatype()).orElseThrow(() -> InferenceException.invalid(
                    "input '" + input.getName() + "' has unknown datatype '" + input.getDatatype() + "'"));
            V2InputDecoder.checkDeclared(signature, input.getName(), type);
            long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
            for (long dim : shape) {
                if (dim < 0) {
                    throw InferenceException.invalid("input '" + input.getName() + "' has a negative dimension");
                }
            }
            inputs.put(input.getName(), request.getRawInputContentsCount() > 0
                    ? TensorValue.of(type, shape, BinaryTensorCodec.decode(input.getName(), type, shape,
                            request.getRawInputContents(i).asReadOnlyByteBuffer()))
                    : InferContentsCodec.read(input.getName(), type, shape, input.getContents()));
        }
        return inputs;
    }

    private static ModelInferResponse response(ModelInferRequest request, Prediction prediction, boolean rawInputs) {
        List<String> names = new ArrayList<>();
        for (InferRequestedOutputTensor output : request.getOutputsList()) {
            names.add(output.getName());
        }
        if (names.isEmpty()) {
            names.addAll(prediction.outputs().keySet());
        }
        boolean raw = rawInputs || names.stream()
                .anyMatch(name -> !InferContentsCodec.hasTypedField(prediction.outputs().get(name).dataType()));
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder().setModelName(prediction.model())
                .setModelVersion(Long.toString(prediction.version())).setId(request.getId());
        for (String name : names) {
            TensorValue value = prediction.outputs().get(name);
            ModelInferResponse.InferOutputTensor.Builder output = response.addOutputsBuilder().setName(name)
                    .setDatatype(value.dataType().v2Name());
            for (int i = 0; i < value.rank(); i++) {
                output.addShape(value.dim(i));
            }
            if (raw) {
                response.addRawOutputContents(ByteString.copyFrom(BinaryTensorCodec.encode(value)));
            } else {
                output.setContents(InferContentsCodec.write(value));
            }
        }
        return response.build();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(TensorSpec spec) {
        ModelMetadataResponse.TensorMetadata.Builder tensor = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(spec.key()).setDatatype(spec.dataType().v2Name());
        for (long dim : V2Metadata.shape(spec.shape())) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }
}
