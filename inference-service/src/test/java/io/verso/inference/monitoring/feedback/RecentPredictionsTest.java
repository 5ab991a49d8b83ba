package io.verso.inference.monitoring.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.monitoring.PredictedRows;
import io.verso.inference.monitoring.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentPredictionsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void keepsAtMostTheNewestPredictions() {
        RecentPredictions recent = new RecentPredictions(3, 1_000, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            recent.add("id-" + i, prediction(T0));
        }
        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.get("id-1")).isNull();
        assertThat(recent.get("id-2")).isNotNull();
    }

    @Test
    void forgetsPredictionsOlderThanTheMaximumAge() {
        RecentPredictions recent = new RecentPredictions(100, 1_000, Duration.ofMinutes(10),
                Clock.fixed(T0, ZoneOffset.UTC));
        recent.add("old", prediction(T0.minus(Duration.ofMinutes(11))));
        recent.add("young", prediction(T0.minus(Duration.ofMinutes(9))));
        assertThat(recent.get("old")).isNull();
        assertThat(recent.get("young")).isNotNull();
    }

    @Test
    void aPredictionIsRemovedOnlyOnce() {
        RecentPredictions recent = new RecentPredictions(10, 1_000, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        RecentPredictions.Prediction prediction = prediction(T0);
        recent.add("id", prediction);
        assertThat(recent.remove("id", prediction)).isTrue();
        assertThat(recent.remove("id", prediction)).isFalse();
    }

    /** Found by the hostile-input soak: a count alone let requests of many rows fill the heap. */
    @Test
    void theRowsOfAllKeptPredictionsStayWithinTheirBudget() {
        RecentPredictions recent = new RecentPredictions(100, 10, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        recent.add("four", prediction(T0, 4));
        recent.add("five", prediction(T0, 5));
        recent.add("three", prediction(T0, 3));

        assertThat(recent.get("four")).as("the oldest goes to make room").isNull();
        assertThat(recent.rows()).isEqualTo(8);

        recent.add("eleven", prediction(T0, 11));
        assertThat(recent.get("eleven")).as("larger than the whole budget: not kept").isNull();
        assertThat(recent.size()).as("and nothing pushed out for it").isEqualTo(2);

        RecentPredictions.Prediction two = prediction(T0, 2);
        recent.add("two", two);
        assertThat(recent.rows()).isEqualTo(10);
        recent.remove("two", two);
        recent.add("three", prediction(T0, 1));
        assertThat(recent.rows()).as("scored and replaced predictions give their rows back").isEqualTo(6);
    }

    private static RecentPredictions.Prediction prediction(Instant time) {
        return prediction(time, 1);
    }

    private static RecentPredictions.Prediction prediction(Instant time, int rows) {
        List<String> classes = Collections.nCopies(rows, "0");
        return new RecentPredictions.Prediction("m", 1, new PredictedRows(Task.CLASSIFICATION, classes, null),
                Collections.nCopies(rows, "all"), time, null);
    }
}
