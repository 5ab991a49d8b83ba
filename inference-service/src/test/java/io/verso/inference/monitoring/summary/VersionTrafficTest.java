package io.verso.inference.monitoring.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import io.verso.contracts.MonitoringSummary;
import io.verso.contracts.PodMonitoringReport;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.monitoring.drift.DriftMonitor;
import io.verso.inference.monitoring.drift.DriftThresholds;
import io.verso.inference.monitoring.drift.DriftWindow;
import io.verso.inference.monitoring.drift.ModelDriftSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VersionTrafficTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    /**
     * m v1: 99 calls of 0.5 ms and one failed call of 80 ms → p50 1 ms, p99 (the 99th) 1 ms; m v2 only has a
     * baseline, whose feature drifted (all values in bin 0 of a 50/50 baseline, PSI 0.5 ln 2 + (1e-4 − 0.5)
     * ln(1e-4 / 0.5) = 4.6043...), so it is summarised without traffic. v1 has feedback quality, v2 none. Calls
     * that found no version (0) are left out.
     */
    @Test
    void summarisesTrafficAndDriftPerVersion() {
        VersionTraffic traffic = new VersionTraffic(Duration.ofMinutes(10), 10, now::get);
        for (int i = 0; i < 99; i++) {
            traffic.record("m", 1, false, 500_000);
        }
        traffic.record("m", 1, true, 80_000_000);
        traffic.record("unknown", 0, true, 1_000);
        DriftMonitor drift = new DriftMonitor((model, version) -> version == 2 ? Map.of("x", new FeatureBaseline(
                10L, 1.0, 1.0, 0.0, 2.0, 0.0, null, null, new Histogram(List.of(1.0), List.of(0.5, 0.5)))) : Map.of(),
                model -> new ModelDriftSettings(Map.of(), new DriftThresholds(0.2, 0.1, 0.1, 1)),
                new DriftWindow(Duration.ofMinutes(10), 10, 10), now::get, new SimpleMeterRegistry());
        drift.observe("m", 2, Map.of("x", TensorValue.of(DataType.FP32, new long[] {2}, new float[] {0.1f, 0.2f})));

        QualitySource quality = (model, version) -> version == 1
                ? Optional.of(new QualitySource.VersionQuality(20, 0.85, null)) : Optional.empty();

        PodMonitoringReport report = new SummaryReporter("pod-1", traffic, drift, quality, r -> { }).report();

        assertThat(report.podId()).isEqualTo("pod-1");
        assertThat(report.summaries()).extracting(MonitoringSummary::version).containsExactly(1L, 2L);
        MonitoringSummary v1 = report.summaries().get(0);
        assertThat(v1.requests()).isEqualTo(100);
        assertThat(v1.errors()).isEqualTo(1);
        assertThat(v1.latencyP50Ms()).isEqualTo(1.0);
        assertThat(v1.latencyP99Ms()).isEqualTo(1.0);
        assertThat(v1.latency().counts().get(6)).isEqualTo(1); // (50, 100] ms
        assertThat(v1.maxPsi()).isNull();
        assertThat(v1.windowSeconds()).isEqualTo(600);
        assertThat(v1.feedbackCount()).isEqualTo(20);
        assertThat(v1.accuracy()).isEqualTo(0.85);
        assertThat(v1.meanAbsoluteError()).isNull();
        MonitoringSummary v2 = report.summaries().get(1);
        assertThat(v2.requests()).isZero();
        assertThat(v2.maxPsi()).isEqualTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5));
        assertThat(v2.driftBreaches()).containsExactly("x");
        assertThat(v2.feedbackCount()).isNull();
    }

    @Test
    void callsLeaveTheWindowAndVersionsThatLeftThePodAreForgotten() {
        VersionTraffic traffic = new VersionTraffic(Duration.ofMinutes(10), 10, now::get);
        traffic.record("m", 1, false, 1);
        DriftMonitor noDrift = new DriftMonitor((model, version) -> Map.of(), model -> null,
                new DriftWindow(Duration.ofMinutes(10), 10, 10), now::get, new SimpleMeterRegistry());

        now.addAndGet(Duration.ofMinutes(11).toMillis());
        assertThat(traffic.summaries(noDrift, QualitySource.NONE).get(0).requests()).isZero();

        traffic.retain((model, version) -> false);
        assertThat(traffic.summaries(noDrift, QualitySource.NONE)).isEmpty();
    }
}
