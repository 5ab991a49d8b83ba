package io.verso.inference.api.grpc.tfserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Int64Value;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.inference.api.grpc.GrpcServer;
import io.verso.inference.dataplane.BoundedExecutor;
import io.verso.inference.testsupport.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * The pod's gRPC port when it cannot serve a call: its bounded inference queue is full (RESOURCE_EXHAUSTED) or
 * the version asked for is still loading (UNAVAILABLE), and its limit of calls open at once on one connection.
 * One inference thread, a queue of two and two calls per connection, so the tests fill them exactly; {@code loading} is a version whose first load fails and whose retry waits ten minutes, so it stays
 * LOADING for the whole test. Real sockets, generated stubs, real TensorFlow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrpcOverloadIT {

    private static final int QUEUE_CAPACITY = 2;
    private static final int CALLS_PER_CONNECTION = 2;

    @Autowired
    GrpcServer server;

    @Autowired
    BoundedExecutor inferenceExecutor;

    private ManagedChannel channel;
    private final List<ManagedChannel> extraChannels = new ArrayList<>();
    private PredictionServiceGrpc.PredictionServiceBlockingStub predictions;

    @DynamicPropertySource
    static void pod(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.grpc.port", () -> "0");
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.grpc.max-concurrent-calls-per-connection",
                () -> String.valueOf(CALLS_PER_CONNECTION));
        registry.add("verso.inference.executor.threads", () -> "1");
        registry.add("verso.inference.executor.queue-capacity", () -> String.valueOf(QUEUE_CAPACITY));
        registry.add("verso.inference.loading.max-attempts", () -> "2");
        registry.add("verso.inference.loading.retry-delay", () -> "10m");
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
        registry.add("verso.inference.models[1].name", () -> "loading");
        registry.add("verso.inference.models[1].base-path", GrpcOverloadIT::unloadableModel);
    }

    /** A model whose version 1 is not a SavedModel: its load fails, and its retry is ten minutes away. */
    private static String unloadableModel() {
        try {
            Path base = Files.createTempDirectory("verso-grpc-loading");
            Files.createDirectories(base.resolve("1"));
            Files.writeString(base.resolve("1/saved_model.pb"), "not a SavedModel");
            return base.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void connectAndAwaitTheModel() throws InterruptedException {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        predictions = PredictionServiceGrpc.newBlockingStub(channel);
        inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub v2 =
                inference.GRPCInferenceServiceGrpc.newBlockingStub(channel);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!v2.modelReady(inference.GrpcPredictV2.ModelReadyRequest.newBuilder().setName("half_plus_two")
                .build()).getReady()) {
            assertThat(System.nanoTime()).as("half_plus_two loaded within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        for (ManagedChannel extra : extraChannels) {
            extra.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aFullInferenceQueueAnswersResourceExhaustedAndTheServerServesAgainOnceItDrains() throws Exception {
        // The calls below fill the queue behind the only inference thread, each on a connection of its own so the
        // per-connection limit plays no part.
        CountDownLatch release = occupyTheInferenceThread();
        List<ListenableFuture<PredictResponse>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < QUEUE_CAPACITY + 4; i++) {
                calls.add(PredictionServiceGrpc.newFutureStub(newConnection()).predict(halfPlusTwo(i)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (calls.stream().filter(ListenableFuture::isDone).count() < 4) {
                assertThat(System.nanoTime()).as("the calls beyond the queue answered at once").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(inferenceExecutor.queued()).isEqualTo(QUEUE_CAPACITY);
        } finally {
            release.countDown();
        }

        int exhausted = 0;
        for (int i = 0; i < calls.size(); i++) {
            try {
                PredictResponse answer = calls.get(i).get(30, TimeUnit.SECONDS);
                assertThat(answer.getOutputsOrThrow("y").getFloatValList()).containsExactly(i * 0.5f + 2);
            } catch (ExecutionException e) {
                Status status = Status.fromThrowable(e.getCause());
                assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(status.getDescription()).contains("server overloaded: 2 requests already queued");
                exhausted++;
            }
        }
        assertThat(exhausted).as("calls refused").isEqualTo(calls.size() - QUEUE_CAPACITY);
        // Drained: the next call is served.
        assertThat(predictions.predict(halfPlusTwo(4)).getOutputsOrThrow("y").getFloatValList()).containsExactly(4f);
    }

    @Test
    void callsBeyondTheConnectionsLimitWaitAtTheClientAndAllAreAnswered() throws Exception {
        CountDownLatch release = occupyTheInferenceThread();
        PredictionServiceGrpc.PredictionServiceFutureStub oneConnection = PredictionServiceGrpc.newFutureStub(channel);
        List<ListenableFuture<PredictResponse>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < CALLS_PER_CONNECTION + 3; i++) {
                calls.add(oneConnection.predict(halfPlusTwo(i)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (inferenceExecutor.queued() < CALLS_PER_CONNECTION) {
                assertThat(System.nanoTime()).as("the connection's calls reached the pod").isLessThan(deadline);
                Thread.sleep(20);
            }
            // The pod has only the connection's first two calls: the queue is full (another connection's call is
            // refused), and the other three wait on the client, neither refused nor sent.
            Thread.sleep(500);
            assertThat(inferenceExecutor.queued()).isEqualTo(CALLS_PER_CONNECTION);
            assertThat(calls).noneMatch(ListenableFuture::isDone);
            StatusRuntimeException full = catchThrowableOfType(StatusRuntimeException.class,
                    () -> PredictionServiceGrpc.newBlockingStub(newConnection()).predict(halfPlusTwo(9)));
            assertThat(full.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(calls).noneMatch(ListenableFuture::isDone);
        } finally {
            release.countDown();
        }

        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).get(30, TimeUnit.SECONDS).getOutputsOrThrow("y").getFloatValList())
                    .containsExactly(i * 0.5f + 2);
        }
    }

    @Test
    void aVersionStillLoadingIsUnavailableAndTheOtherModelsServe() {
        ModelSpec latest = ModelSpec.newBuilder().setName("loading").build();
        assertUnavailable(latest, "Servable Latest(loading) is not ready yet: version 1 of model loading is still "
                + "loading");
        assertUnavailable(latest.toBuilder().setVersion(Int64Value.of(1)).build(), "is still loading");
        // A version the pod does not have at all stays NOT_FOUND: retrying would not help.
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class, () ->
                predictions.predict(request(latest.toBuilder().setVersion(Int64Value.of(2)).build(), 1)));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub v2 =
                inference.GRPCInferenceServiceGrpc.newBlockingStub(channel);
        assertThat(v2.serverReady(inference.GrpcPredictV2.ServerReadyRequest.getDefaultInstance()).getReady())
                .as("a pod with a version still loading is not ready").isFalse();
        assertThat(predictions.predict(halfPlusTwo(2)).getOutputsOrThrow("y").getFloatValList()).containsExactly(3f);
    }

    /** Blocks the pod's only inference thread until the returned latch is released. */
    private CountDownLatch occupyTheInferenceThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        inferenceExecutor.submit(() -> {
            busy.countDown();
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    /** A new connection to the pod, closed after the test. */
    private ManagedChannel newConnection() {
        ManagedChannel extra = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        extraChannels.add(extra);
        return extra;
    }

    private void assertUnavailable(ModelSpec spec, String messagePart) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> predictions.predict(request(spec, 1)));
        assertThat(e).isNotNull();
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.getStatus().getDescription()).contains(messagePart);
    }

    private static PredictRequest halfPlusTwo(float x) {
        return request(ModelSpec.newBuilder().setName("half_plus_two").build(), x);
    }

    private static PredictRequest request(ModelSpec spec, float x) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(x);
        tensor.getTensorShapeBuilder().addDimBuilder().setSize(1);
        tensor.getTensorShapeBuilder().addDimBuilder().setSize(1);
        return PredictRequest.newBuilder().setModelSpec(spec).putInputs("x", tensor.build()).build();
    }
}
