package io.verso.inference.monitoring.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.monitoring.PredictedRows;
import io.verso.inference.monitoring.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentPredictionsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void keepsAtMostTheNewestPredictions() {
        RecentPredictions recent = new RecentPredictions(3, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            recent.add("id-" + i, prediction(T0));
        }
        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.get("id-1")).isNull();
        assertThat(recent.get("id-2")).isNotNull();
    }

    @Test
    void forgetsPredictionsOlderThanTheMaximumAge() {
        RecentPredictions recent = new RecentPredictions(100, Duration.ofMinutes(10),
                Clock.fixed(T0, ZoneOffset.UTC));
        recent.add("old", prediction(T0.minus(Duration.ofMinutes(11))));
        recent.add("young", prediction(T0.minus(Duration.ofMinutes(9))));
        assertThat(recent.get("old")).isNull();
        assertThat(recent.get("young")).isNotNull();
    }

    @Test
    void aPredictionIsRemovedOnlyOnce() {
        RecentPredictions recent = new RecentPredictions(10, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        RecentPredictions.Prediction prediction = prediction(T0);
        recent.add("id", prediction);
        assertThat(recent.remove("id", prediction)).isTrue();
        assertThat(recent.remove("id", prediction)).isFalse();
    }

    private static RecentPredictions.Prediction prediction(Instant time) {
        return new RecentPredictions.Prediction("m", 1, new PredictedRows(Task.CLASSIFICATION, List.of("0"), null),
                List.of("all"), time);
    }
}
