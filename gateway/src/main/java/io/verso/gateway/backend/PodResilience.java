package io.verso.gateway.backend;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import reactor.core.publisher.Mono;

/**
 * The Resilience4j instances of each pod, named by its base URL and configured by the {@code default} configs of
 * {@code resilience4j.*}. The order is Resilience4j's recommended one: the breaker sees time-outs and bulkhead
 * refusals as the pod's failures, and the bulkhead counts only calls the breaker let through.
 */
public final class PodResilience {

    private final CircuitBreakerRegistry breakers;
    private final TimeLimiterRegistry timeLimiters;
    private final BulkheadRegistry bulkheads;

    public PodResilience(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters,
                         BulkheadRegistry bulkheads) {
        this.breakers = breakers;
        this.timeLimiters = timeLimiters;
        this.bulkheads = bulkheads;
    }

    public <T> Mono<T> protect(String pod, Mono<T> call) {
        return call
                .transformDeferred(BulkheadOperator.of(bulkheads.bulkhead(pod)))
                .transformDeferred(TimeLimiterOperator.of(timeLimiters.timeLimiter(pod)))
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(pod)));
    }

    /**
     * Whether the pod's breaker lets calls through. Only OPEN excludes a pod, so the automatic transition to
     * HALF_OPEN ({@code automatic-transition-from-open-to-half-open-enabled}) brings it back for trial calls.
     */
    public boolean admits(String pod) {
        CircuitBreaker.State state = breakers.circuitBreaker(pod).getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }
}
