package io.verso.gateway.protection;

import reactor.core.publisher.Mono;

/**
 * Decides whether an API key may call the gateway, and what it may call. Transport-neutral (HTTP and gRPC fronts
 * share it): the key in, the verdict out.
 */
public interface KeyVerifier {

    /**
     * The verified key; empty when the key is not valid; an error {@link KeyCheckUnavailable} when it could not
     * be checked now (the registry is unreachable, or asked too often by unknown keys).
     */
    Mono<VerifiedKey> verify(String key);
}
