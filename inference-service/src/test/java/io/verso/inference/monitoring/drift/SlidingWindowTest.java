package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private final AtomicLong now = new AtomicLong(0);

    @Test
    void bucketsLeaveTheWindowAsTimePasses() {
        SlidingWindow<NumericStats> window = new SlidingWindow<>(Duration.ofSeconds(10), 5, now::get,
                () -> new NumericStats(1));
        window.current().add(1, 0);
        now.set(2_000);
        window.current().add(2, 0);
        window.current().add(3, 0);
        assertThat(window.live()).hasSize(2);

        now.set(10_000); // the bucket of t=0 (0–2 s) has left; the one of 2–4 s is still in
        assertThat(window.live()).hasSize(1);
        assertThat(window.live().get(0).count()).isEqualTo(2);

        now.set(12_000);
        assertThat(window.live()).isEmpty();
        assertThat(window.current().count()).isZero();
        assertThat(window.length()).isEqualTo(Duration.ofSeconds(10));
    }

    /** Values 1, 2, 3, 4 split over two buckets merge to mean 2.5 and population variance 1.25. */
    @Test
    void bucketsMergeIntoExactMomentsRangeAndBins() {
        SlidingWindow<NumericStats> window = new SlidingWindow<>(Duration.ofSeconds(10), 5, now::get,
                () -> new NumericStats(2));
        window.current().add(1, 0);
        window.current().add(2, 0);
        window.current().addMissing();
        now.set(2_000);
        window.current().add(3, 1);
        window.current().add(4, 1);

        NumericStats merged = new NumericStats(2);
        window.live().forEach(merged::merge);
        assertThat(merged.count()).isEqualTo(4);
        assertThat(merged.mean()).isCloseTo(2.5, within(1e-12));
        assertThat(merged.variance()).isCloseTo(1.25, within(1e-12));
        assertThat(merged.min()).isEqualTo(1);
        assertThat(merged.max()).isEqualTo(4);
        assertThat(merged.missing()).isEqualTo(1);
        assertThat(merged.fractions()).containsExactly(0.5, 0.5);
    }

    @Test
    void categoriesBeyondTheLimitCountAsOther() {
        CategoryCounts counts = new CategoryCounts(2);
        counts.add("a");
        counts.add("b");
        counts.add("c");
        counts.add("a");
        counts.add("d");
        assertThat(counts.counts()).containsOnly(java.util.Map.entry("a", 2L), java.util.Map.entry("b", 1L),
                java.util.Map.entry(CategoryCounts.OTHER, 2L));
        assertThat(counts.count()).isEqualTo(5);
    }
}
