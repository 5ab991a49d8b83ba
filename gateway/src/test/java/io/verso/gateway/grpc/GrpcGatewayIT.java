package io.verso.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Int64Value;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2.ModelInferRequest;
import inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * The gateway's gRPC port over real sockets, in front of a real gRPC server standing in for a pod that serves
 * versions 1 and 2 of model {@code m} (static routing, 50 % canary): each call is pinned to the version the router
 * chose, which the response metadata names; pins, sticky keys, API keys and the pod's own statuses behave as over
 * REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.grpc.port=0",
        "verso.gateway.auth.enabled=true",
        "verso.gateway.auth.keys=grpc-key",
        "verso.gateway.backend.health-interval=1h",
        "verso.gateway.models.m.stable-version=1",
        "verso.gateway.models.m.canary-version=2",
        "verso.gateway.models.m.canary-weight=50"})
class GrpcGatewayIT {

    private static final GrpcPod pod = new GrpcPod();
    private static final Metadata.Key<String> VERSION = Metadata.Key.of("x-verso-model-version",
            Metadata.ASCII_STRING_MARSHALLER);

    @Autowired
    GrpcGatewayServer gateway;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void pod(DynamicPropertyRegistry properties) {
        // The pod is listed by its REST URL; its gRPC port is the REST port - 1, as 8500 is to 8501.
        properties.add("verso.gateway.inference-uri", () -> "http://127.0.0.1:" + (pod.port() + 1));
    }

    @AfterAll
    static void stopPod() {
        pod.close();
    }

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private static <S extends AbstractStub<S>> S with(S stub, String... metadata) {
        Metadata headers = new Metadata();
        for (int i = 0; i < metadata.length; i += 2) {
            headers.put(Metadata.Key.of(metadata[i], Metadata.ASCII_STRING_MARSHALLER), metadata[i + 1]);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static PredictRequest predict(ModelSpec spec) {
        return PredictRequest.newBuilder().setModelSpec(spec)
                .putInputs("x", TensorProto.newBuilder().addFloatVal(1).build()).build();
    }

    /** Calls Predict and checks that the version in the response metadata is the one the pod was asked for. */
    private long predictedVersion(ModelSpec spec, String... metadata) {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        PredictResponse response = with(PredictionServiceGrpc.newBlockingStub(channel), metadata)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
                .predict(predict(spec));
        long version = response.getModelSpec().getVersion().getValue();
        assertThat(headers.get().get(VERSION)).isEqualTo(Long.toString(version));
        assertThat(response.getOutputsOrThrow("inputs").getIntVal(0)).as("the tensors arrived unchanged").isEqualTo(1);
        return version;
    }

    @Test
    void splitsUnpinnedCallsBetweenStableAndCanaryAndPinsTheChosenVersion() {
        Set<Long> versions = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            versions.add(predictedVersion(ModelSpec.newBuilder().setName("m").build(), "x-api-key", "grpc-key"));
        }
        assertThat(versions).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aRoutingKeyStaysOnOneVersionAndPinsPassThrough() {
        for (String key : new String[] {"user-1", "user-2", "user-3"}) {
            Set<Long> versions = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                versions.add(predictedVersion(ModelSpec.newBuilder().setName("m").build(),
                        "authorization", "Bearer grpc-key", "x-verso-routing-key", key));
            }
            assertThat(versions).hasSize(1);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(predictedVersion(ModelSpec.newBuilder().setName("m").setVersion(Int64Value.of(2)).build(),
                    "x-api-key", "grpc-key")).isEqualTo(2);
        }
        assertThat(pod.received.get(pod.received.size() - 1).get(Metadata.Key.of("x-api-key",
                Metadata.ASCII_STRING_MARSHALLER))).as("credentials stay at the gateway").isNull();
    }

    @Test
    void routesV2CallsByModelNameAndVersion() {
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            AtomicReference<Metadata> headers = new AtomicReference<>();
            ModelInferResponse response = with(GRPCInferenceServiceGrpc.newBlockingStub(channel), "x-api-key",
                    "grpc-key").withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers,
                    new AtomicReference<>())).modelInfer(ModelInferRequest.newBuilder().setModelName("m").setId("r")
                    .build());
            assertThat(headers.get().get(VERSION)).isEqualTo(response.getModelVersion());
            assertThat(response.getId()).isEqualTo("r");
            versions.add(response.getModelVersion());
        }
        assertThat(versions).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void refusesCallsWithoutAValidKeyAndPassesThePodsStatusesOn() {
        assertStatus(() -> PredictionServiceGrpc.newBlockingStub(channel).predict(predict(
                ModelSpec.newBuilder().setName("m").build())), Status.Code.UNAUTHENTICATED, "An API key is required");
        assertStatus(() -> with(PredictionServiceGrpc.newBlockingStub(channel), "x-api-key", "wrong").predict(
                predict(ModelSpec.newBuilder().setName("m").build())), Status.Code.UNAUTHENTICATED, "not valid");
        assertStatus(() -> with(PredictionServiceGrpc.newBlockingStub(channel), "x-api-key", "grpc-key").predict(
                predict(ModelSpec.getDefaultInstance())), Status.Code.INVALID_ARGUMENT, "model_spec.name");
        assertStatus(() -> with(PredictionServiceGrpc.newBlockingStub(channel), "x-api-key", "grpc-key").predict(
                predict(ModelSpec.newBuilder().setName("other").build())), Status.Code.NOT_FOUND,
                "Servable not found for request: Latest(other)");
        assertStatus(() -> with(PredictionServiceGrpc.newBlockingStub(channel), "x-api-key", "grpc-key").predict(
                predict(ModelSpec.newBuilder().setName("bad name!").build())), Status.Code.INVALID_ARGUMENT,
                "Invalid model name");
        assertThat(predictedVersion(ModelSpec.newBuilder().setName("m").setVersion(Int64Value.of(1)).build(),
                "x-api-key", "grpc-key")).isEqualTo(1);
    }

    private static void assertStatus(Runnable call, Status.Code code, String messagePart) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).contains(messagePart);
    }
}
