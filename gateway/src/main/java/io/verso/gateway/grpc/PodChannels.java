package io.verso.gateway.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One gRPC channel per pod, kept while the routing table lists the pod. A pod is listed by its REST base URL; its
 * gRPC port is the one it advertised through the registry when it did, else {@code podPort} when set, else the
 * REST port plus {@code portOffset} (-1 by default: TensorFlow Serving's pairing of gRPC 8500 with REST 8501). A
 * pod that comes back advertising another port gets a new channel and the old one is closed, so there is still one
 * per listed pod. Keys and ports come from the routing table, never from clients.
 */
final class PodChannels implements AutoCloseable {

    private final Function<String, Integer> advertised;
    private final Integer podPort;
    private final int portOffset;
    private final int maxMessageBytes;
    private final Map<String, PodChannel> channels = new ConcurrentHashMap<>();

    /** @param advertised a pod's REST base URL → the gRPC port it advertised, or {@code null} for none */
    PodChannels(Function<String, Integer> advertised, Integer podPort, int portOffset, int maxMessageBytes) {
        this.advertised = advertised;
        this.podPort = podPort;
        this.portOffset = portOffset;
        this.maxMessageBytes = maxMessageBytes;
    }

    ManagedChannel channel(String pod) {
        int port = portOf(pod);
        PodChannel current = channels.get(pod);
        if (current != null && current.port() == port) {
            return current.channel();
        }
        return channels.compute(pod, (key, before) -> {
            if (before != null && before.port() == port) {
                return before;
            }
            if (before != null) {
                before.channel().shutdown();
            }
            return new PodChannel(port, NettyChannelBuilder.forAddress(URI.create(pod).getHost(), port).usePlaintext()
                    .maxInboundMessageSize(maxMessageBytes).build());
        }).channel();
    }

    /** Closes the channels of pods the table no longer lists. */
    void retain(Collection<String> listed) {
        Set<String> keep = Set.copyOf(listed);
        channels.keySet().removeIf(pod -> {
            if (keep.contains(pod)) {
                return false;
            }
            PodChannel channel = channels.get(pod);
            if (channel != null) {
                channel.channel().shutdown();
            }
            return true;
        });
    }

    private int portOf(String pod) {
        Integer own = advertised.apply(pod);
        if (own != null) {
            return own;
        }
        if (podPort != null) {
            return podPort;
        }
        URI uri = URI.create(pod);
        int restPort = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return restPort + portOffset;
    }

    @Override
    public void close() {
        channels.values().forEach(channel -> channel.channel().shutdownNow());
        channels.clear();
    }

    /** A pod's channel and the port it was opened to. */
    private record PodChannel(int port, ManagedChannel channel) {
    }
}
