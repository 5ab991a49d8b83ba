package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DriftWorkerTest {

    private static final Map<String, FeatureBaseline> BASELINE = Map.of("x", new FeatureBaseline(10L, 1.0, 1.0,
            0.0, 2.0, 0.0, null, null, new Histogram(List.of(1.0), List.of(0.5, 0.5))));
    private static final Map<String, TensorValue> ONE_VALUE =
            Map.of("x", TensorValue.of(DataType.FP32, new long[] {1}, new float[] {0.5f}));

    /**
     * The worker is held inside its first observation (the baseline lookup waits on a latch); the queue (capacity
     * 2) then takes two offers and drops the third instead of blocking the caller. Released, the worker counts the
     * three it took.
     */
    @Test
    void offersNeverBlockAndAreDroppedAndCountedWhenTheQueueIsFull() throws InterruptedException {
        CountDownLatch lookingUp = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DriftMonitor monitor = new DriftMonitor((model, version) -> {
            lookingUp.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BASELINE;
        }, model -> new ModelDriftSettings(Map.of(), new DriftThresholds(0.2, 0.1, 0.1, 1)),
                new DriftWindow(Duration.ofMinutes(10), 10, 10), System::currentTimeMillis, meters);
        try (DriftWorker worker = new DriftWorker(monitor, 2, 1_000, meters, (m, v) -> true, Duration.ofHours(1))) {
            worker.offer("m", 1, ONE_VALUE);
            assertThat(lookingUp.await(30, TimeUnit.SECONDS)).isTrue();
            worker.offer("m", 1, ONE_VALUE);
            worker.offer("m", 1, ONE_VALUE);
            worker.offer("m", 1, ONE_VALUE);

            assertThat(meters.get("verso.drift.dropped").counter().count()).isEqualTo(1.0);
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(monitor.report("m", 1).orElseThrow().features().get(0).count()).isEqualTo(3));
        }
    }

    @Test
    void versionsThatLeftThePodAreForgottenWithTheirMeters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DriftMonitor monitor = new DriftMonitor((model, version) -> BASELINE,
                model -> new ModelDriftSettings(Map.of(), new DriftThresholds(0.2, 0.1, 0.1, 1)),
                new DriftWindow(Duration.ofMinutes(10), 10, 10), System::currentTimeMillis, meters);
        monitor.observe("m", 1, ONE_VALUE);
        monitor.observe("m", 1, Map.of()); // x missing: a skew counter appears
        assertThat(meters.find("verso.drift.psi").tag("version", "1").gauge().value())
                .isEqualTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5)); // serving 1, 0 vs 0.5, 0.5
        assertThat(meters.find("verso.skew").tag("kind", "missing").counter().count()).isEqualTo(1.0);

        monitor.retain((model, version) -> false);
        assertThat(meters.find("verso.drift.psi").gauges()).isEmpty();
        assertThat(meters.find("verso.skew").counters()).isEmpty();
        assertThat(monitor.reports()).isEmpty();
    }
}
