package io.verso.bench.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.verso.bench.stats.LatencyStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessLimitTest {

    private static InProcessResult result(int batch, int threads, double rowsPerSecond) {
        return new InProcessResult("mlp", batch, threads, rowsPerSecond / batch, LatencyStats.EMPTY, 1.0);
    }

    private final InProcessLimit limit = new InProcessLimit(List.of(
            result(1, 1, 700), result(1, 2, 1100),
            result(8, 1, 4000), result(8, 2, 3000),
            result(32, 1, 8000), result(32, 2, 10000)));

    @Test
    void theBestThreadCountIsTheLimit() {
        assertThat(limit.rowsPerSecond("mlp", 1)).isEqualTo(1100);
        assertThat(limit.rowsPerSecond("mlp", 8)).isEqualTo(4000);
        assertThat(limit.rowsPerSecond("mlp", 32)).isEqualTo(10000);
    }

    @Test
    void interpolatesInLog2BetweenMeasuredSizesAndClampsOutside() {
        // 16 is half-way between 8 and 32 in log2.
        assertThat(limit.rowsPerSecond("mlp", 16)).isCloseTo(7000, within(1e-6));
        assertThat(limit.rowsPerSecond("mlp", 0.5)).isEqualTo(1100);
        assertThat(limit.rowsPerSecond("mlp", 100)).isEqualTo(10000);
        assertThat(limit.rowsPerSecond("other", 8)).isNaN();
    }

    @Test
    void perCpuLimitDividesByTheCoresUsed() {
        InProcessLimit twoCores = new InProcessLimit(List.of(
                new InProcessResult("mlp", 32, 2, 10000.0 / 32, LatencyStats.EMPTY, 2.0),
                new InProcessResult("mlp", 32, 1, 8000.0 / 32, LatencyStats.EMPTY, 1.0)));
        assertThat(twoCores.rowsPerSecond("mlp", 32)).isCloseTo(10000, within(1e-6));
        assertThat(twoCores.rowsPerCpuSecond("mlp", 32)).isCloseTo(8000, within(1e-6));
        assertThat(twoCores.ratioPerCpu("mlp", 32, 6000)).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void ratioIsServerOverLimit() {
        assertThat(limit.ratio("mlp", 32, 9000)).isCloseTo(0.9, within(1e-9));
    }
}
