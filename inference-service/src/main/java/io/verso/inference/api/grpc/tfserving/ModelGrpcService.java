package io.verso.inference.api.grpc.tfserving;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.verso.inference.api.grpc.Unary;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
import org.tensorflow.proto.error.Code;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.GetModelStatus.GetModelStatusResponse;
import tensorflow.serving.GetModelStatus.ModelVersionStatus;
import tensorflow.serving.ModelManagement.ReloadConfigRequest;
import tensorflow.serving.ModelManagement.ReloadConfigResponse;
import tensorflow.serving.ModelServiceGrpc;
import tensorflow.serving.Status.StatusProto;

/**
 * {@code tensorflow.serving.ModelService}. {@code GetModelStatus} lists a model's versions (or the one the spec
 * pins) with TensorFlow Serving's states; a version that failed to load is END with code UNKNOWN and its error.
 *
 * <p>{@code HandleReloadConfigRequest} is refused with FAILED_PRECONDITION: a Verso pod's models come from its
 * model config file or properties, which it polls, or from the registry's desired state, and a config pushed over
 * gRPC would be overwritten by the next poll. Change the source instead (the message says which).
 */
public final class ModelGrpcService extends ModelServiceGrpc.ModelServiceImplBase {

    private final InferenceService service;
    private final Unary unary;
    private final String configSource;

    /** @param configSource where this pod's models come from, named in the answer to a reload request */
    public ModelGrpcService(InferenceService service, Unary unary, String configSource) {
        this.service = service;
        this.unary = unary;
        this.configSource = configSource;
    }

    @Override
    public void getModelStatus(GetModelStatusRequest request, StreamObserver<GetModelStatusResponse> observer) {
        unary.now(observer, () -> {
            GetModelStatusResponse.Builder response = GetModelStatusResponse.newBuilder();
            for (VersionStatus status : service.status(ModelSpecs.name(request.getModelSpec()),
                    ModelSpecs.selector(request.getModelSpec()))) {
                response.addModelVersionStatus(versionStatus(status));
            }
            return response.build();
        });
    }

    @Override
    public void handleReloadConfigRequest(ReloadConfigRequest request, StreamObserver<ReloadConfigResponse> observer) {
        observer.onError(Status.FAILED_PRECONDITION.withDescription("This server's models are managed by "
                + configSource + ", which it follows; change them there rather than with HandleReloadConfigRequest")
                .asRuntimeException());
    }

    private static ModelVersionStatus versionStatus(VersionStatus status) {
        boolean failed = status.state() == VersionState.ERROR;
        ModelVersionStatus.State state = failed ? ModelVersionStatus.State.END
                : ModelVersionStatus.State.valueOf(status.state().name());
        return ModelVersionStatus.newBuilder().setVersion(status.version()).setState(state)
                .setStatus(StatusProto.newBuilder().setErrorCode(failed ? Code.UNKNOWN : Code.OK)
                        .setErrorMessage(status.error() == null ? "" : status.error()))
                .build();
    }
}
