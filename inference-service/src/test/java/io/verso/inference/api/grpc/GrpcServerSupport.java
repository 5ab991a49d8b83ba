package io.verso.inference.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.inference.testsupport.FixtureServerSupport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gRPC ITs' helpers over the shared fixture server ({@link FixtureServerSupport}, whose gRPC server listens
 * on a free port): a plaintext grpc-java channel to it, opened once the models are loaded, and status assertions.
 */
public abstract class GrpcServerSupport extends FixtureServerSupport {

    @Autowired
    GrpcServer server;

    protected ManagedChannel channel;

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
