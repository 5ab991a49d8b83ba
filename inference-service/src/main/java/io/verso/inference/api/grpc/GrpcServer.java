package io.verso.inference.api.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod's gRPC server: the given services on one port, with {@link GrpcCalls} on every call. Messages larger than
 * {@code maxMessageBytes} are refused with RESOURCE_EXHAUSTED from their length prefix, before they are buffered,
 * so an oversized message cannot exhaust memory. Stopping lets in-flight calls finish for up to the grace period.
 */
public final class GrpcServer {

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final Server server;
    private final ExecutorService callExecutor;
    private final Duration grace;

    /**
     * @param port the port; 0 picks a free one
     * @param callExecutor runs call handlers (parsing, encoding), never TensorFlow; owned by this server
     * @param calls        reads request ids and x-verso-* metadata for every service
     */
    public GrpcServer(int port, int maxMessageBytes, int maxConcurrentCallsPerConnection, ExecutorService callExecutor,
                      Duration grace, GrpcCalls calls, List<BindableService> services) {
        this.callExecutor = callExecutor;
        this.grace = grace;
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(port))
                .executor(callExecutor)
                .maxInboundMessageSize(maxMessageBytes)
                .maxInboundMetadataSize(64 * 1024)
                .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection);
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, calls)));
        this.server = builder.build();
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC server could not start: " + e.getMessage(), e);
        }
        log.info("gRPC server listening on port {}", server.getPort());
    }

    /** The port it listens on; the chosen one when it was started with 0. */
    public int port() {
        return server.getPort();
    }

    public void stop() {
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            callExecutor.shutdownNow();
        }
    }
}
