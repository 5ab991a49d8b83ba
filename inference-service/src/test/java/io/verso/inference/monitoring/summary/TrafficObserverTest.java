package io.verso.inference.monitoring.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.contracts.MonitoringSummary;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.ErrorCode;
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

/**
 * The attack of issue 20 on a pod's summary: 300 malformed calls pinned to a healthy canary made its error rate
 * 0.93 and rolled it back. Only the version's own failures on routed traffic may count.
 */
class TrafficObserverTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VersionTraffic traffic = new VersionTraffic(Duration.ofMinutes(1), 6, now::get);
    private final TrafficObserver observer = new TrafficObserver(traffic);

    @Test
    void malformedAndPinnedCallsDoNotCountButTheVersionsOwnFailuresDo() {
        for (int i = 0; i < 20; i++) {
            observer.completed(call("canary", null, false));
        }
        for (int i = 0; i < 300; i++) {
            // A wrong input shape, pinned through /versions/2 or routed: the caller's fault either way.
            observer.completed(call(i % 2 == 0 ? "pinned" : "canary", ErrorCode.INVALID_ARGUMENT, false));
            // Overload and a caller that went away are not the version's fault either.
            observer.completed(call("canary", i % 2 == 0 ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.CANCELLED,
                    false));
        }
        for (int i = 0; i < 50; i++) {
            // Successful calls a client steered by pin or routing key are no part of the sample either.
            observer.completed(call(i % 2 == 0 ? "pinned" : "sticky", null, false));
        }
        // The graph failing at run time (TensorFlow's InvalidArgument, a 400) is the version's fault, and so is a
        // pod failure; a call straight to the pod (no gateway header) counts.
        observer.completed(call("canary", ErrorCode.INVALID_ARGUMENT, true));
        observer.completed(call(null, ErrorCode.INTERNAL, true));

        MonitoringSummary summary = only(traffic);
        assertThat(summary.requests()).isEqualTo(22);
        assertThat(summary.errors()).isEqualTo(2);
    }

    private static MonitoringSummary only(VersionTraffic traffic) {
        DriftMonitor noBaselines = new DriftMonitor((model, version) -> Map.of(),
                model -> new ModelDriftSettings(Map.of(), new DriftThresholds(0.2, 0.1, 0.1, 1)),
                new DriftWindow(Duration.ofMinutes(1), 6, 10), () -> 0L, new SimpleMeterRegistry());
        List<MonitoringSummary> summaries = traffic.summaries(noBaselines, (model, version) -> Optional.empty());
        assertThat(summaries).hasSize(1);
        return summaries.get(0);
    }

    private static InferenceRecord call(String route, ErrorCode error, boolean versionFault) {
        Map<String, String> headers = route == null ? Map.of() : Map.of("x-verso-route", route);
        return new InferenceRecord("id", "tfserving", "predict", "iris", 2, "serving_default", null, null, error,
                versionFault, headers, 10, 0, 0, 1_000_000, null);
    }
}
