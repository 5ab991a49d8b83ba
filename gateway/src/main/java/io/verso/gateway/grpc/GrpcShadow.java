package io.verso.gateway.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.routing.EndpointPicker;
import io.verso.gateway.routing.Role;
import io.verso.gateway.routing.ShadowTarget;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fire-and-forget copies of unary gRPC calls to the shadow version the router chose, as the REST route makes them:
 * the request pinned to that version goes to one of its pods on a call of its own, with {@code x-verso-shadow: true}
 * metadata and the shadow time-out as its deadline. The client's answer never waits for it. At most
 * {@code maxInFlight} copies are open at once; a copy over that is not sent (counted as role {@code shadow}, outcome
 * {@code DROPPED}), so a slow shadow version cannot pile calls up in the gateway. Each copy is counted by its status,
 * and a status other than the client's counts as a shadow mismatch; message bodies are not compared (the REST route
 * compares JSON tensors; a gRPC answer names its own version in {@code model_spec}).
 */
final class GrpcShadow {

    private static final Logger log = LoggerFactory.getLogger(GrpcShadow.class);
    private static final Metadata.Key<String> SHADOW = Metadata.Key.of("x-verso-shadow",
            Metadata.ASCII_STRING_MARSHALLER);

    private final PodChannels channels;
    private final EndpointPicker picker;
    private final GatewayMetrics metrics;
    private final Duration timeout;
    private final Semaphore inFlight;

    GrpcShadow(PodChannels channels, EndpointPicker picker, GatewayMetrics metrics, Duration timeout,
               int maxInFlight) {
        this.channels = channels;
        this.picker = picker;
        this.metrics = metrics;
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Sends the copy and returns at once.
     *
     * @param forwarded the metadata that goes to pods with the client's call
     * @param answered  completes with the status the client got
     */
    void mirror(String model, ShadowTarget target, ProxiedMethod method, byte[] request, Metadata forwarded,
                CompletableFuture<Status> answered) {
        String pod = picker.pick(target.endpoints(), Set.of()).orElse(null);
        if (pod == null) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            metrics.request(model, target.version(), Role.SHADOW.tag(), "DROPPED", 0, Duration.ZERO);
            log.debug("Shadow copy of {} to version {} dropped: the most copies allowed are in flight", model,
                    target.version());
            return;
        }
        // A context of its own: the client's call context is cancelled once the client has its answer.
        Context.current().fork().run(() -> send(model, target, method, request, forwarded, answered, pod));
    }

    private void send(String model, ShadowTarget target, ProxiedMethod method, byte[] request, Metadata forwarded,
                      CompletableFuture<Status> answered, String pod) {
        long start = System.nanoTime();
        Metadata headers = new Metadata();
        headers.merge(forwarded);
        headers.put(SHADOW, "true");
        ClientCall<byte[], byte[]> copy = channels.channel(pod).newCall(method.descriptor(),
                CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS));
        boolean started = false;
        try {
            copy.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    inFlight.release();
                    int code = GrpcProxy.httpEquivalent(status.getCode());
                    String outcome = status.getCode() == Status.Code.DEADLINE_EXCEEDED ? "TIMEOUT"
                            : GatewayMetrics.outcomeOf(code);
                    metrics.request(model, target.version(), Role.SHADOW.tag(), outcome, code,
                            Duration.ofNanos(System.nanoTime() - start));
                    answered.thenAccept(client -> {
                        if (client.getCode() != status.getCode()) {
                            metrics.shadowMismatch(model, target.version());
                        }
                    });
                }
            }, headers);
            started = true;
            copy.request(1);
            copy.sendMessage(method.pinnedTo(request, target.version()));
            copy.halfClose();
        } catch (RuntimeException e) {
            // Once started, the cancel's onClose releases the permit; a call that never started has no onClose.
            if (started) {
                copy.cancel("shadow copy failed to start", e);
            } else {
                inFlight.release();
            }
            log.debug("Shadow copy of {} to version {} failed to start: {}", model, target.version(), e.toString());
        }
    }
}
