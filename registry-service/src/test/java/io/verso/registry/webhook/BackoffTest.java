package io.verso.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheMaximumWithinHalfToFullJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), new SplittableRandom(42));

        for (int round = 0; round < 200; round++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
            assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
            assertThat(backoff.after(4)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
            assertThat(backoff.after(60)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    @Test
    void theJitterSpreadsRetriesThatFailedTogether() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), new SplittableRandom(7));

        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.after(3)).distinct().count())
                .isGreaterThan(40);
    }

    @Test
    void extremesOfTheRandomSourceStayWithinBounds() {
        RandomGenerator lowest = () -> 0L;
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), lowest);

        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.after(10)).isEqualTo(Duration.ofMillis(500));
    }
}
