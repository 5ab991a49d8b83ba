package io.verso.gateway.grpc;

import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2.ModelInferRequest;
import inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * A real gRPC server standing in for an inference pod that serves every version of model {@code m}: it answers
 * Predict and ModelInfer with the model_spec / model_version it received, so a test sees which version the
 * gateway pinned, and NOT_FOUND for other models. It records the metadata of each call and the version each
 * Predict was pinned to; Predicts pinned to {@link #slowVersion} are answered only after {@link #slowness}.
 */
final class GrpcPod implements AutoCloseable {

    private static final Context.Key<Metadata> HEADERS = Context.key("headers");

    private final Server server;
    final List<Metadata> received = new CopyOnWriteArrayList<>();
    final List<Long> predictedVersions = new CopyOnWriteArrayList<>();
    volatile long slowVersion = -1;
    volatile Duration slowness = Duration.ZERO;

    GrpcPod() {
        ServerInterceptor capture = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                received.add(headers);
                return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Predictions(this), capture))
                .addService(ServerInterceptors.intercept(new V2(), capture)).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private static final class Predictions extends PredictionServiceGrpc.PredictionServiceImplBase {
        private final GrpcPod pod;

        Predictions(GrpcPod pod) {
            this.pod = pod;
        }

        @Override
        public void predict(PredictRequest request, StreamObserver<PredictResponse> observer) {
            long version = request.getModelSpec().getVersion().getValue();
            pod.predictedVersions.add(version);
            if (version == pod.slowVersion) {
                try {
                    Thread.sleep(pod.slowness.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!request.getModelSpec().getName().equals("m")) {
                observer.onError(Status.NOT_FOUND.withDescription("Servable not found for request: Latest("
                        + request.getModelSpec().getName() + ")").asRuntimeException());
                return;
            }
            observer.onNext(PredictResponse.newBuilder().setModelSpec(request.getModelSpec())
                    .putOutputs("inputs", TensorProto.newBuilder().addIntVal(request.getInputsCount()).build())
                    .build());
            observer.onCompleted();
        }
    }

    private static final class V2 extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
            observer.onNext(ModelInferResponse.newBuilder().setModelName(request.getModelName())
                    .setModelVersion(request.getModelVersion()).setId(request.getId()).build());
            observer.onCompleted();
        }
    }
}
