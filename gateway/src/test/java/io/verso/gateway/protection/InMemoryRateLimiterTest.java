package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(2, 3, 1000, now::get);

    @Test
    void allowsTheBurstThenRefusesWithTheTimeUntilTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k").block().allowed()).isTrue();
        }
        RateLimitDecision refused = limiter.acquire("k").block();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // Another client has its own bucket.
        assertThat(limiter.acquire("other").block().allowed()).isTrue();
    }

    @Test
    void refillsAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k").block();
        }
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("k").block().allowed()).isTrue();
        assertThat(limiter.acquire("k").block().allowed()).isFalse();
    }

    /** Issue 20: every client address or key made a bucket that was never dropped. */
    @Test
    void holdsAtMostMaxClientsAndForgetsIdleOnes() {
        for (int i = 0; i < 20_000; i++) {
            limiter.acquire("client-" + i).block();
        }
        assertThat(limiter.clients()).isLessThanOrEqualTo(1000);
        now.addAndGet(10_000_000_000L);
        assertThat(limiter.clients()).as("buckets idle for longer than a full refill").isZero();
    }
}
