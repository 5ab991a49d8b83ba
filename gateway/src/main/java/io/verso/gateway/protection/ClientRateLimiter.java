package io.verso.gateway.protection;

import reactor.core.publisher.Mono;

/** Counts one request of a client against its limit. */
public interface ClientRateLimiter {

    Mono<RateLimitDecision> acquire(String client);
}
