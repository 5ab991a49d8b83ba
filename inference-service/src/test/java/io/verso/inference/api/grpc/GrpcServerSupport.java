package io.verso.inference.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.inference.testsupport.DemoModelRepository;
import io.verso.inference.testsupport.Fixtures;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole inference service with its gRPC server on a free port, serving real models through real TensorFlow:
 * {@code half_plus_two} (TensorFlow Serving's fixture, version 123), {@code two_versions} (123 and 124, labelled
 * stable and canary) and Triton's {@code simple}. Tests call it with grpc-java clients built from the generated
 * stubs over a real socket; the gRPC ITs extend this class so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GrpcServerSupport {

    protected static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    @Autowired
    GrpcServer server;

    protected ManagedChannel channel;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.grpc.port", () -> "0");
        registry.add("verso.inference.grpc.max-message-size", () -> MAX_MESSAGE_BYTES + "B");
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
        registry.add("verso.inference.models[1].name", () -> "simple");
        registry.add("verso.inference.models[1].base-path", () -> DemoModelRepository.simple().toString());
        registry.add("verso.inference.models[2].name", () -> "two_versions");
        registry.add("verso.inference.models[2].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_2_versions").toString());
        registry.add("verso.inference.models[2].version-policy", () -> "ALL");
        registry.add("verso.inference.models[2].labels.stable", () -> "123");
        registry.add("verso.inference.models[2].labels.canary", () -> "124");
    }

    @BeforeEach
    void connect() throws InterruptedException {
        // The client accepts more than the server, so the server's limit is the one a large message meets.
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(128 * 1024 * 1024).build();
        inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub health =
                inference.GRPCInferenceServiceGrpc.newBlockingStub(channel);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!health.serverReady(inference.GrpcPredictV2.ServerReadyRequest.getDefaultInstance()).getReady()) {
            assertThat(System.nanoTime()).as("models loaded within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Asserts that a call fails with {@code code} and a message containing {@code messagePart}. */
    protected static void assertStatus(Runnable call, Status.Code code, String messagePart) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).contains(messagePart);
    }
}
