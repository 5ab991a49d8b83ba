package io.verso.gateway.proxy;

import io.verso.gateway.errors.JsonErrors;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the request body once, up to the size limit (413 beyond it, whether declared by {@code Content-Length} or
 * only found while reading a chunked body), and replays it to every reader: a second pod after a refused connect
 * and the shadow copy both need it after the first read.
 */
public final class CachedBodyFilter implements GatewayFilter, Ordered {

    /** After the API key and rate-limit checks: a rejected client's body is never read. */
    public static final int ORDER = -100;
    private static final String BODY_ATTR = CachedBodyFilter.class.getName() + ".body";
    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;

    public CachedBodyFilter(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached body of the exchange; empty when it had none. */
    public static byte[] bodyOf(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(BODY_ATTR, EMPTY);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return tooLarge(exchange);
        }
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(CachedBodyFilter::toBytes)
                .defaultIfEmpty(EMPTY)
                .map(Optional::of)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(Optional.empty()))
                .flatMap(body -> body.isEmpty() ? tooLarge(exchange) : forward(exchange, chain, body.get()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, byte[] body) {
        if (body.length == 0) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(BODY_ATTR, body);
        ServerHttpRequest replaying = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                // A fresh buffer per subscription: Netty releases what it wrote.
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return chain.filter(exchange.mutate().request(replaying).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return JsonErrors.write(exchange, 413, "Request body exceeds the gateway's limit of " + maxBytes + " bytes");
    }

    private static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
