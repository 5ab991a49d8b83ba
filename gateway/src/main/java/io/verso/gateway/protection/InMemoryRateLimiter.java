package io.verso.gateway.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * A token bucket per client in this gateway's memory: {@code burst} requests at once, refilled at
 * {@code perSecond}. Each gateway replica counts alone; use the Redis limiter for one limit across replicas.
 *
 * <p>Clients are whoever sends requests, so the buckets are a bounded Caffeine cache: at most {@code maxClients},
 * each dropped once idle for as long as a full refill takes (a bucket that old is full again, so forgetting it
 * changes nothing), and the least recently used first when the bound is reached.
 */
public final class InMemoryRateLimiter implements ClientRateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Cache<String, Bucket> buckets;

    public InMemoryRateLimiter(double perSecond, int burst, long maxClients, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException(
                    "rate limit needs requests-per-second > 0, burst >= 1 and max-clients >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        Duration refill = Duration.ofNanos((long) Math.ceil(burst / perSecond * 1e9));
        this.buckets = Caffeine.newBuilder().maximumSize(maxClients)
                .expireAfterAccess(refill.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : refill)
                .ticker(nanoClock::getAsLong).build();
    }

    @Override
    public Mono<RateLimitDecision> acquire(String client) {
        return Mono.fromSupplier(() -> buckets.get(client, c -> new Bucket()).take());
    }

    /** Buckets held now (after pending evictions): for tests of the bound. */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
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
