package io.verso.registry.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": after attempt n the wait is drawn from [d/2, d] with
 * d = min(max, initial · 2^(n−1)), so retries of many deliveries that failed together (a receiver outage) spread
 * out instead of arriving in waves, and no wait is shorter than half the nominal one.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    Duration after(int attempts) {
        long nominal = initial.toMillis();
        for (int i = 1; i < attempts && nominal < max.toMillis(); i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, max.toMillis());
        long half = nominal / 2;
        return Duration.ofMillis(half + random.nextLong(nominal - half + 1));
    }
}
