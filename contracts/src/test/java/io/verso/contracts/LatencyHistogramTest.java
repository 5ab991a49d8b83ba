package io.verso.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void latenciesFallInTheBucketOfTheirUpperBound() {
        assertThat(LatencyHistogram.bucket(0.3)).isZero();
        assertThat(LatencyHistogram.bucket(1.0)).isZero();
        assertThat(LatencyHistogram.bucket(1.5)).isEqualTo(1);
        assertThat(LatencyHistogram.bucket(60_000)).isEqualTo(LatencyHistogram.BOUNDS_MS.size());
    }

    /** 98 requests up to 1 ms and 2 between 50 and 100 ms: p50 is 1 ms, p99 (the 99th of 100) 100 ms. */
    @Test
    void percentilesOfASumOfPods() {
        LatencyHistogram a = histogram(0, 49);
        LatencyHistogram b = histogram(0, 49).plus(histogram(6, 2));

        LatencyHistogram sum = a.plus(b);
        assertThat(sum.total()).isEqualTo(100);
        assertThat(sum.quantileMs(0.5)).isEqualTo(1.0);
        assertThat(sum.quantileMs(0.99)).isEqualTo(100.0);
        assertThat(LatencyHistogram.empty().quantileMs(0.99)).isNull();
    }

    @Test
    void refusesAnotherNumberOfBuckets() {
        assertThatThrownBy(() -> new LatencyHistogram(List.of(1L, 2L)))
                .hasMessageContaining("latency.counts must hold 14 buckets");
    }

    private static LatencyHistogram histogram(int bucket, long count) {
        List<Long> counts = new ArrayList<>(LatencyHistogram.empty().counts());
        counts.set(bucket, count);
        return new LatencyHistogram(counts);
    }
}
