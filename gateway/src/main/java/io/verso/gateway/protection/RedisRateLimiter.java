package io.verso.gateway.protection;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * One limit per client across all gateway replicas, counted in Redis: a fixed window of {@code burst / perSecond}
 * seconds (at least 1) allowing {@code perSecond} times its length, so the long-run rate matches the in-memory
 * bucket. One Lua script per request keeps increment and expiry atomic. When Redis cannot answer, the request is
 * allowed: losing the limiter must not stop predictions.
 */
public final class RedisRateLimiter implements ClientRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final long windowMillis;
    private final long limit;

    public RedisRateLimiter(ReactiveStringRedisTemplate redis, String prefix, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs requests-per-second > 0 and burst >= 1");
        }
        this.redis = redis;
        this.prefix = prefix;
        long windowSeconds = Math.max(1, (long) Math.ceil(burst / perSecond));
        this.windowMillis = windowSeconds * 1000;
        this.limit = Math.max(1, Math.round(perSecond * windowSeconds));
    }

    @Override
    public Mono<RateLimitDecision> acquire(String client) {
        return redis.execute(SCRIPT, List.of(prefix + client), List.of(Long.toString(windowMillis)))
                .next()
                .map(this::decide)
                .onErrorResume(e -> {
                    log.warn("Redis rate limiter unavailable, allowing the request: {}", e.toString());
                    return Mono.just(RateLimitDecision.ALLOWED);
                });
    }

    private RateLimitDecision decide(List<?> counted) {
        long count = ((Number) counted.get(0)).longValue();
        long ttlMillis = ((Number) counted.get(1)).longValue();
        if (count <= limit) {
            return RateLimitDecision.ALLOWED;
        }
        return RateLimitDecision.refused((long) Math.ceil(Math.max(ttlMillis, 0) / 1000.0));
    }
}
