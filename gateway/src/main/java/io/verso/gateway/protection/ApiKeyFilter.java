package io.verso.gateway.protection;

import io.verso.gateway.errors.JsonErrors;
import java.util.function.Function;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 for a request without a valid API key, 403 for a key whose scope does not cover it (a model it may not call,
 * feedback without the feedback scope), 503 when the key could not be checked now. A verified key is left in the
 * exchange ({@link VerifiedKey#ATTRIBUTE}) for the rate limit.
 */
public final class ApiKeyFilter implements GatewayFilter, Ordered {

    /** First of the route's filters: nothing is spent on an unknown client. */
    public static final int ORDER = -300;

    private final String header;
    private final KeyVerifier keys;
    private final Function<String, String> modelOfPath;
    private final boolean feedback;

    private ApiKeyFilter(String header, KeyVerifier keys, Function<String, String> modelOfPath, boolean feedback) {
        this.header = header;
        this.keys = keys;
        this.modelOfPath = modelOfPath;
        this.feedback = feedback;
    }

    /** @param modelOfPath the model a request path calls; null when it names none (or cannot be parsed) */
    public static ApiKeyFilter forInference(String header, KeyVerifier keys, Function<String, String> modelOfPath) {
        return new ApiKeyFilter(header, keys, modelOfPath, false);
    }

    /** Feedback labels feed canary analysis: only keys with the feedback scope may post them. */
    public static ApiKeyFilter forFeedback(String header, KeyVerifier keys) {
        return new ApiKeyFilter(header, keys, path -> null, true);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String key = ClientKey.of(exchange.getRequest(), header);
        if (key == null) {
            return unauthorized(exchange, "An API key is required: send it in the " + header + " header");
        }
        return keys.verify(key).map(Check::valid).defaultIfEmpty(Check.INVALID)
                .onErrorResume(KeyCheckUnavailable.class, e -> Mono.just(Check.unchecked(e.getMessage())))
                .flatMap(check -> {
                    if (check.key() != null) {
                        return allowed(exchange, chain, check.key());
                    }
                    if (check.unchecked() != null) {
                        exchange.getResponse().getHeaders().set("Retry-After", "1");
                        return JsonErrors.write(exchange, 503, check.unchecked());
                    }
                    return unauthorized(exchange, "The API key is not valid");
                });
    }

    /** The verifier's answer: a key, no key (invalid), or why it could not be checked. */
    private record Check(VerifiedKey key, String unchecked) {
        static final Check INVALID = new Check(null, null);

        static Check valid(VerifiedKey key) {
            return new Check(key, null);
        }

        static Check unchecked(String why) {
            return new Check(null, why);
        }
    }

    private Mono<Void> allowed(ServerWebExchange exchange, GatewayFilterChain chain, VerifiedKey verified) {
        if (feedback && !verified.feedback()) {
            return JsonErrors.write(exchange, 403, "The API key has no feedback scope");
        }
        String model = modelOfPath.apply(exchange.getRequest().getURI().getRawPath());
        if (!verified.mayCall(model)) {
            return JsonErrors.write(exchange, 403, "The API key may not call model '" + model + "'");
        }
        exchange.getAttributes().put(VerifiedKey.ATTRIBUTE, verified);
        return chain.filter(exchange);
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
