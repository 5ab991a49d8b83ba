package io.verso.gateway.protection;

import io.verso.gateway.errors.JsonErrors;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The actuator beside the APIs: health stays open (probes carry no key), everything else ({@code metrics},
 * {@code prometheus}, {@code info}) needs an API key that may call every model, since those pages name every model
 * and version the gateway serves. Prometheus sends the key as {@code authorization: credentials} of its scrape job.
 */
public final class ActuatorKeyFilter implements WebFilter {

    private static final String ACTUATOR = "/actuator";
    private static final String HEALTH = "/actuator/health";

    private final String header;
    private final KeyVerifier keys;

    public ActuatorKeyFilter(String header, KeyVerifier keys) {
        this.header = header;
        this.keys = keys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!isProtected(path)) {
            return chain.filter(exchange);
        }
        String key = ClientKey.of(exchange.getRequest(), header);
        if (key == null) {
            return JsonErrors.write(exchange, 401, "An API key is required for " + path);
        }
        return keys.verify(key).map(verified -> verified.models() == null).defaultIfEmpty(false)
                .onErrorReturn(KeyCheckUnavailable.class, false)
                .flatMap(allowed -> allowed ? chain.filter(exchange)
                        : JsonErrors.write(exchange, 403, "The API key may not read " + path));
    }

    static boolean isProtected(String path) {
        boolean actuator = path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/");
        boolean health = path.equals(HEALTH) || path.startsWith(HEALTH + "/");
        return actuator && !health;
    }
}
