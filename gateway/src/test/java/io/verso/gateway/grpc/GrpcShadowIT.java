package io.verso.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
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
import tensorflow.serving.PredictionServiceGrpc;

/**
 * Shadow copies of gRPC calls through the gateway's gRPC port: model {@code m} answers from version 1 and mirrors
 * every unpinned call to version 2, on a real gRPC server standing in for the pod. The client's answers come from
 * version 1 whatever version 2 does, and at most {@code max-shadow-calls} copies are open at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.grpc.port=0",
        "verso.gateway.grpc.max-shadow-calls=2",
        "verso.gateway.shadow.timeout=20s",
        "verso.gateway.auth.enabled=false",
        "verso.gateway.backend.health-interval=1h",
        "verso.gateway.models.m.stable-version=1",
        "verso.gateway.models.m.shadow-version=2",
        "verso.gateway.models.m.shadow-percent=100"})
class GrpcShadowIT {

    // The pod, its listing and the channel are set up as in GrpcGatewayIT, on purpose not shared: each class needs
    // its own static pod, listed before its own Spring context starts, and a base class would share one pod (and
    // close it) between two contexts.
    private static final GrpcPod pod = new GrpcPod();
    private static final Metadata.Key<String> SHADOW = Metadata.Key.of("x-verso-shadow",
            Metadata.ASCII_STRING_MARSHALLER);

    @Autowired
    GrpcGatewayServer gateway;

    @Autowired
    MeterRegistry meters;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void pod(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.inference-uri", () -> "http://127.0.0.1:" + (pod.port() + 1));
    }

    @AfterAll
    static void stopPod() {
        pod.close();
    }

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        pod.predictedVersions.clear();
        pod.received.clear();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        pod.slowVersion = -1;
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private long predict() {
        return PredictionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .predict(PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName("m"))
                        .putInputs("x", TensorProto.newBuilder().addFloatVal(1).build()).build())
                .getModelSpec().getVersion().getValue();
    }

    @Test
    void everyUnpinnedCallIsCopiedToTheShadowVersionAndAnsweredByTheStableOne() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            assertThat(predict()).isEqualTo(1);
        }
        awaitPredictions(10);
        assertThat(Collections.frequency(pod.predictedVersions, 1L)).isEqualTo(5);
        assertThat(Collections.frequency(pod.predictedVersions, 2L)).as("copies to the shadow").isEqualTo(5);
        assertThat(pod.received.stream().filter(headers -> "true".equals(headers.get(SHADOW))).count())
                .as("copies are marked as shadow calls").isEqualTo(5);
        awaitShadowCount("SUCCESS", 5);
    }

    @Test
    void aSlowShadowNeverDelaysTheClientAndAtMostTheLimitOfCopiesIsOpen() throws InterruptedException {
        pod.slowVersion = 2;
        pod.slowness = Duration.ofSeconds(8);
        double droppedBefore = shadowCount("DROPPED");
        double answeredBefore = shadowCount("SUCCESS");
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            assertThat(predict()).isEqualTo(1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answers never wait for the shadow")
                .isLessThan(Duration.ofSeconds(6));
        // Two copies are open (the limit), the other four were not sent.
        Thread.sleep(500);
        assertThat(Collections.frequency(pod.predictedVersions, 2L)).isEqualTo(2);
        assertThat(shadowCount("DROPPED") - droppedBefore).isEqualTo(4);
        // The two open copies are answered in the end (and free their places for the other test).
        awaitShadowCount("SUCCESS", answeredBefore + 2);
    }

    private double shadowCount(String outcome) {
        return meters.find("verso.gateway.requests").tag("model", "m").tag("role", "shadow").tag("outcome", outcome)
                .timers().stream().mapToLong(timer -> timer.count()).sum();
    }

    private void awaitShadowCount(String outcome, double count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (shadowCount(outcome) < count) {
            assertThat(System.nanoTime()).as("%s shadow answers counted", count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitPredictions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pod.predictedVersions.size() < count) {
            assertThat(System.nanoTime()).as("%d calls reached the pod", count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
