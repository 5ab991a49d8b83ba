package io.verso.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Median.of(3, 1, 2)).isEqualTo(2);
        assertThat(Median.of(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Median.of(7)).isEqualTo(7);
        assertThat(Median.of()).isNaN();
    }

    @Test
    void medianElementKeepsTheWholeRecord() {
        record Run(String name, double rate) {
        }
        List<Run> runs = List.of(new Run("a", 900), new Run("b", 1200), new Run("c", 1000));
        assertThat(Median.element(runs, Run::rate).name()).isEqualTo("c");
        assertThat(Median.element(List.of(new Run("x", 2), new Run("y", 1)), Run::rate).name()).isEqualTo("y");
        assertThatThrownBy(() -> Median.element(List.<Run>of(), Run::rate)).isInstanceOf(IllegalArgumentException.class);
    }
}
