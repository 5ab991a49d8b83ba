package io.verso.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesOfKnownValuesInMilliseconds() {
        Histogram micros = LatencyStats.newMicrosHistogram();
        for (int i = 1; i <= 1000; i++) {
            micros.recordValue(i * 1000L); // 1 ms .. 1000 ms
        }
        LatencyStats stats = LatencyStats.fromMicros(micros);
        assertThat(stats.count()).isEqualTo(1000);
        assertThat(stats.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(stats.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(stats.maxMs()).isCloseTo(1000, within(1.0));
    }

    @Test
    void aFewSlowOutliersMoveP99NotP50() {
        Histogram micros = LatencyStats.newMicrosHistogram();
        micros.recordValueWithCount(2_000, 980);
        micros.recordValueWithCount(50_000, 20);
        LatencyStats stats = LatencyStats.fromMicros(micros);
        assertThat(stats.p50Ms()).isCloseTo(2.0, within(0.01));
        assertThat(stats.p99Ms()).isCloseTo(50.0, within(0.05));
    }

    @Test
    void emptyHistogramIsNaNNotZero() {
        LatencyStats stats = LatencyStats.fromMicros(LatencyStats.newMicrosHistogram());
        assertThat(stats.count()).isZero();
        assertThat(stats.p50Ms()).isNaN();
        assertThat(stats.p99Ms()).isNaN();
    }
}
