package io.verso.inference.monitoring.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.inference.monitoring.Task;
import org.junit.jupiter.api.Test;

class QualityWindowsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QualityWindows windows = new QualityWindows(3, registry);

    private Double accuracy(long version, String slice) {
        var gauge = registry.find("verso.model.accuracy").tag("version", Long.toString(version)).tag("slice", slice)
                .gauge();
        return gauge == null ? null : gauge.value();
    }

    @Test
    void theWindowKeepsTheLastRowsPerSliceAndPerVersion() {
        for (double score : new double[] {0, 0, 1, 1, 1}) {
            windows.add("m", 1, "a", Task.CLASSIFICATION, score);
        }
        windows.add("m", 1, "b", Task.CLASSIFICATION, 0);

        assertThat(accuracy(1, "a")).isEqualTo(1.0);
        assertThat(accuracy(1, "b")).isEqualTo(0.0);
        assertThat(windows.versionReport("m", 1).value()).isEqualTo(2.0 / 3);
        assertThat(windows.versionReport("m", 1).count()).isEqualTo(3);
    }

    @Test
    void versionsThePodNoLongerHoldsLoseTheirWindowsAndGaugesAndComeBackFresh() {
        windows.add("m", 1, "a", Task.CLASSIFICATION, 1);
        windows.add("m", 2, "a", Task.CLASSIFICATION, 0);

        windows.retain((model, version) -> version == 2);

        assertThat(accuracy(1, "a")).as("no stale gauge for the unloaded version").isNull();
        assertThat(windows.report("m", 1)).isEmpty();
        assertThat(windows.versionReport("m", 1)).isNull();
        assertThat(accuracy(2, "a")).isEqualTo(0.0);

        windows.add("m", 1, "a", Task.CLASSIFICATION, 0);
        assertThat(accuracy(1, "a")).as("loaded again: a new window and gauge").isEqualTo(0.0);
        assertThat(windows.versionReport("m", 1).count()).isEqualTo(1);
    }
}
