package io.verso.gateway.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Gives the proxy a call's request metadata and client address, and lets it add response metadata (the resolved
 * {@code x-verso-model-version}) that goes out with the response headers.
 */
final class CallMetadata implements ServerInterceptor {

    private static final Context.Key<CallMetadata.Current> CURRENT = Context.key("verso-grpc-call");

    /** One call's metadata in and out. */
    record Current(Metadata headers, SocketAddress remote, Map<String, String> responseHeaders) {

        /** The first value of an ASCII metadata entry, names case-insensitive; null when absent. */
        String header(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            return key.endsWith(Metadata.BINARY_HEADER_SUFFIX) ? null
                    : headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    static Current current() {
        return CURRENT.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Current current = new Current(headers, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
                new ConcurrentHashMap<>());
        ServerCall<Q, R> withHeaders = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                current.responseHeaders().forEach((name, value) ->
                        responseHeaders.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
                super.sendHeaders(responseHeaders);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(CURRENT, current), withHeaders, headers, next);
    }
}
