package io.verso.gateway.protection;

import reactor.core.publisher.Mono;

/** Decides whether an API key may call the inference APIs. */
public interface KeyVerifier {

    Mono<Boolean> isValid(String key);
}
