package io.verso.gateway.protection;

import io.verso.gateway.errors.JsonErrors;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 for an inference request without a valid API key. */
public final class ApiKeyFilter implements GatewayFilter, Ordered {

    /** First of the inference route's filters: nothing is spent on an unknown client. */
    public static final int ORDER = -300;

    private final String header;
    private final KeyVerifier keys;

    public ApiKeyFilter(String header, KeyVerifier keys) {
        this.header = header;
        this.keys = keys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String key = ClientKey.of(exchange.getRequest(), header);
        if (key == null) {
            return unauthorized(exchange, "An API key is required: send it in the " + header + " header");
        }
        return keys.isValid(key).flatMap(valid -> valid ? chain.filter(exchange)
                : unauthorized(exchange, "The API key is not valid"));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String message) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "ApiKey header=\"" + header + "\"");
        return JsonErrors.write(exchange, 401, message);
    }
}
