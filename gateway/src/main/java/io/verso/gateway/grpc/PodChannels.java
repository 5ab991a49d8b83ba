package io.verso.gateway.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gRPC channel per pod, kept while the routing table lists the pod. A pod is listed by its REST base URL; its
 * gRPC port is {@code podPort} when set, else the REST port plus {@code portOffset} (-1 by default:
 * TensorFlow Serving's pairing of gRPC 8500 with REST 8501). Keys come from the routing table, never from clients.
 */
final class PodChannels implements AutoCloseable {

    private final Integer podPort;
    private final int portOffset;
    private final int maxMessageBytes;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    PodChannels(Integer podPort, int portOffset, int maxMessageBytes) {
        this.podPort = podPort;
        this.portOffset = portOffset;
        this.maxMessageBytes = maxMessageBytes;
    }

    ManagedChannel channel(String pod) {
        return channels.computeIfAbsent(pod, this::open);
    }

    /** Closes the channels of pods the table no longer lists. */
    void retain(Collection<String> listed) {
        Set<String> keep = Set.copyOf(listed);
        channels.keySet().removeIf(pod -> {
            if (keep.contains(pod)) {
                return false;
            }
            ManagedChannel channel = channels.get(pod);
            if (channel != null) {
                channel.shutdown();
            }
            return true;
        });
    }

    private ManagedChannel open(String pod) {
        URI uri = URI.create(pod);
        int restPort = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        int port = podPort != null ? podPort : restPort + portOffset;
        return NettyChannelBuilder.forAddress(uri.getHost(), port).usePlaintext()
                .maxInboundMessageSize(maxMessageBytes).build();
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
