package io.verso.gateway.protection;

import io.verso.gateway.errors.JsonErrors;
import io.verso.gateway.metrics.GatewayMetrics;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 429 with {@code Retry-After} for a client over its limit; the client is its API key, else its address. */
public final class RateLimitFilter implements GatewayFilter, Ordered {

    /** After the key check, so an invalid key cannot use up a valid client's budget. */
    public static final int ORDER = -200;

    private final ClientRateLimiter limiter;
    private final String keyHeader;
    private final GatewayMetrics metrics;

    public RateLimitFilter(ClientRateLimiter limiter, String keyHeader, GatewayMetrics metrics) {
        this.limiter = limiter;
        this.keyHeader = keyHeader;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return limiter.acquire(ClientKey.rateLimitIdentity(exchange.getRequest(), keyHeader))
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

    @Override
    public int getOrder() {
        return ORDER;
    }
}
