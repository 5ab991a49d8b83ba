package io.verso.inference.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Found by the hostile-input soak: queues bounded by count alone let requests of many values fill the heap. */
class BoundedHandoffTest {

    @Test
    void refusesWhatWouldExceedTheValuesAllowedAndTakesAgainOnceTheWorkerCaughtUp() throws InterruptedException {
        BoundedHandoff<String> handoff = new BoundedHandoff<>(100, 10);

        assertThat(handoff.offer("six", 6)).isTrue();
        assertThat(handoff.offer("five", 5)).as("6 + 5 > 10").isFalse();
        assertThat(handoff.offer("eleven", 11)).as("more than the whole budget").isFalse();
        assertThat(handoff.offer("four", 4)).isTrue();
        assertThat(handoff.values()).isEqualTo(10);

        assertThat(handoff.poll(1, TimeUnit.SECONDS)).isEqualTo("six");
        assertThat(handoff.values()).isEqualTo(4);
        assertThat(handoff.offer("five", 5)).isTrue();
        assertThat(handoff.size()).isEqualTo(2);
    }

    @Test
    void refusesWhatWouldExceedTheCountAndGivesItsValuesBack() {
        BoundedHandoff<String> handoff = new BoundedHandoff<>(1, 1_000);

        assertThat(handoff.offer("first", 1)).isTrue();
        assertThat(handoff.offer("second", 1)).isFalse();
        assertThat(handoff.values()).isEqualTo(1);
    }

    @Test
    void countsTheValuesOfEveryTensor() {
        TensorValue matrix = TensorValue.of(DataType.FP32, new long[] {2, 3}, new float[6]);
        TensorValue vector = TensorValue.of(DataType.INT64, new long[] {4}, new long[4]);

        assertThat(BoundedHandoff.valuesOf(Map.of("a", matrix, "b", vector))).isEqualTo(10);
        assertThat(BoundedHandoff.valuesOf(null)).isZero();
    }
}
