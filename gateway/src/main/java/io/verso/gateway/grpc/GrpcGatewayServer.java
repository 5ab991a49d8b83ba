package io.verso.gateway.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.routing.EndpointPicker;
import io.verso.gateway.routing.RoutingSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's gRPC port: HTTP/2 cleartext, or TLS when a certificate chain and key are given. Requests larger
 * than the gateway's size limit are refused with RESOURCE_EXHAUSTED from their length prefix, before they are read.
 */
public final class GrpcGatewayServer {

    private static final Logger log = LoggerFactory.getLogger(GrpcGatewayServer.class);

    /** TLS material, PEM files; both null for cleartext. */
    public record Tls(Path certificateChain, Path privateKey) {
    }

    private final Server server;
    private final PodChannels channels;
    private final ExecutorService executor;

    /** Where and how many shadow copies go: see {@link GrpcShadow}. */
    public record Shadows(EndpointPicker picker, Duration timeout, int maxInFlight) {
    }

    /**
     * @param podPort      the gRPC port of pods that advertise none; null: each such pod's REST port plus
     *                     {@code podPortOffset}
     * @param maxMessageBytes the largest request accepted
     */
    public GrpcGatewayServer(int port, Tls tls, Integer podPort, int podPortOffset, int maxMessageBytes,
                             Supplier<RoutingSnapshot> routing, PodCaller pods, GrpcProtection protection,
                             GatewayMetrics metrics, Shadows shadows) {
        this.channels = new PodChannels(pod -> routing.get().grpcPort(pod), podPort, podPortOffset, maxMessageBytes);
        GrpcShadow shadow = new GrpcShadow(channels, shadows.picker(), metrics, shadows.timeout(),
                shadows.maxInFlight());
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread thread = new Thread(r, "grpc-gateway");
            thread.setDaemon(true);
            return thread;
        });
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(port))
                .executor(executor)
                .maxInboundMessageSize(maxMessageBytes)
                .maxInboundMetadataSize(64 * 1024)
                .fallbackHandlerRegistry(new GrpcProxy(routing, pods, channels, protection, metrics, shadow))
                .intercept(new CallMetadata());
        if (tls != null && tls.certificateChain() != null) {
            builder.useTransportSecurity(tls.certificateChain().toFile(), tls.privateKey().toFile());
        }
        this.server = builder.build();
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC port could not open: " + e.getMessage(), e);
        }
        log.info("gRPC listening on port {}", server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    public void stop() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(30, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
        channels.close();
        executor.shutdownNow();
    }
}
