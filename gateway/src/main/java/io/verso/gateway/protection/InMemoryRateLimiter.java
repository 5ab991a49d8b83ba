package io.verso.gateway.protection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * A token bucket per client in this gateway's memory: {@code burst} requests at once, refilled at
 * {@code perSecond}. Each gateway replica counts alone; use the Redis limiter for one limit across replicas.
 */
public final class InMemoryRateLimiter implements ClientRateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public InMemoryRateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs requests-per-second > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    @Override
    public Mono<RateLimitDecision> acquire(String client) {
        return Mono.fromSupplier(() -> buckets.computeIfAbsent(client, c -> new Bucket()).take());
    }

    private final class Bucket {

        private double tokens = burst;
        private long refilledAt = nanoClock.getAsLong();

        synchronized RateLimitDecision take() {
            long now = nanoClock.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return RateLimitDecision.ALLOWED;
            }
            return RateLimitDecision.refused((long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
