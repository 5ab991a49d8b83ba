package io.verso.gateway.protection;

import io.verso.gateway.errors.JsonErrors;
import io.verso.gateway.metrics.GatewayMetrics;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 429 with {@code Retry-After} for a client over its limit. The client is its verified API key (the key filter ran
 * first), else its address ({@link ClientAddress}): a key nobody verified is only a string the client chose, and
 * counting by it would let a client reset its limit by inventing keys. Identities carry the key's hash, never the
 * key, so neither memory nor Redis holds one.
 */
public final class RateLimitFilter implements GatewayFilter, Ordered {

    /** After the key check, so an invalid key cannot use up a valid client's budget. */
    public static final int ORDER = -200;

    private final ClientRateLimiter limiter;
    private final ClientAddress addresses;
    private final GatewayMetrics metrics;

    public RateLimitFilter(ClientRateLimiter limiter, ClientAddress addresses, GatewayMetrics metrics) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return limiter.acquire(identity(exchange))
                .flatMap(decision -> {
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    metrics.rateLimited();
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(decision.retryAfterSeconds()));
                    return JsonErrors.write(exchange, 429, "Rate limit exceeded; retry after "
                            + decision.retryAfterSeconds() + " s");
                });
    }

    private String identity(ServerWebExchange exchange) {
        VerifiedKey key = exchange.getAttribute(VerifiedKey.ATTRIBUTE);
        if (key != null) {
            return "key:" + key.id();
        }
        return "ip:" + addresses.of(exchange.getRequest().getRemoteAddress(),
                exchange.getRequest().getHeaders().getFirst("X-Forwarded-For"));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
