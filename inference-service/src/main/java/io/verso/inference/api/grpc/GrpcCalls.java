package io.verso.inference.api.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.micrometer.tracing.Span;
import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.ObservedCall;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.tracing.InferenceTracing;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What REST reads from headers, read from gRPC metadata: the client's {@code x-request-id} and the
 * {@code x-verso-*} entries. An interceptor puts them in the call's {@link Context}; {@link #observe} turns them into
 * an {@link ObservedCall}, whose chosen id goes back as {@code x-request-id} response metadata.
 */
public final class GrpcCalls implements ServerInterceptor {

    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of(
            ObservedCall.REQUEST_ID_HEADER.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Incoming> INCOMING = Context.key("verso-incoming");

    private final InferenceTracing tracing;
    private final EncodingMetrics encoding;

    public GrpcCalls(InferenceTracing tracing, EncodingMetrics encoding) {
        this.tracing = tracing;
        this.encoding = encoding;
    }

    /** The metadata of one call, the id to send back once the handler has chosen it, and the server's observers. */
    private record Incoming(String requestId, Map<String, String> versoHeaders, AtomicReference<String> echo,
                            InferenceTracing tracing, EncodingMetrics encoding) {
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Incoming incoming = new Incoming(headers.get(REQUEST_ID), ObservedCall.versoHeaders(sink -> {
            for (String key : headers.keys()) {
                if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
                    sink.accept(key, value == null ? List.of() : List.of(value));
                }
            }
        }), new AtomicReference<>(), tracing, encoding);
        ServerCall<Q, R> echoing = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                String id = incoming.echo().get();
                if (id != null) {
                    responseHeaders.put(REQUEST_ID, id);
                }
                super.sendHeaders(responseHeaders);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(INCOMING, incoming), echoing, headers, next);
    }

    /**
     * Runs an inference call as an {@link ObservedCall}, so observers hear of it even when it fails before it
     * reaches the data plane. Must run on the thread that received the call.
     *
     * @param requestBytes the request message's size
     */
    public static <T> CompletableFuture<T> observed(InferenceService service, String api, String method,
                                                    String model, int requestBytes,
                                                    Function<ObservedCall, CompletableFuture<T>> body) {
        ObservedCall call = observe(service, api, method, model);
        call.bodyRead(requestBytes);
        try {
            return body.apply(call).whenComplete((result, failure) -> {
                if (failure != null) {
                    call.failed(failure);
                }
            });
        } catch (RuntimeException e) {
            call.failed(e);
            throw e;
        }
    }

    /** The observed call for the current gRPC call; must run on the thread that received it. */
    public static ObservedCall observe(InferenceService service, String api, String method, String model) {
        Incoming incoming = INCOMING.get();
        if (incoming == null) {
            throw new IllegalStateException("GrpcCalls is not installed on this server");
        }
        // gRPC calls are not traced yet: no server span carries a caller's traceparent into the data plane.
        return new ObservedCall(service, incoming.tracing(), incoming.encoding(), api, method, model,
                new ObservedCall.Arrival(incoming.requestId(), incoming.versoHeaders(), incoming.echo()::set,
                        Span.NOOP));
    }
}
