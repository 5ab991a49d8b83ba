package io.verso.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void rendersHeaderAlignmentAndRows() {
        String table = new MarkdownTable("protocol", ">rows/s").row("V2 binary", "1,234").row("a|b", 5).render();
        assertThat(table).isEqualTo("""
                | protocol | rows/s |
                | --- | ---: |
                | V2 binary | 1,234 |
                | a\\|b | 5 |
                """);
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new MarkdownTable("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsNumbersAndMissingValues() {
        assertThat(Format.rate(12345.6)).isEqualTo("12,346");
        assertThat(Format.millis(1.234)).isEqualTo("1.23");
        assertThat(Format.millis(12.34)).isEqualTo("12.3");
        assertThat(Format.millis(1234.5)).isEqualTo("1235");
        assertThat(Format.ratio(0.8765)).isEqualTo("0.88");
        assertThat(Format.times(5.26)).isEqualTo("5.3×");
        assertThat(Format.percent(0.456)).isEqualTo("46%");
        assertThat(Format.rate(Double.NaN)).isEqualTo(Format.MISSING);
        assertThat(Format.ratio(Double.POSITIVE_INFINITY)).isEqualTo(Format.MISSING);
    }

    @Test
    void verdictsAgainstGoals() {
        assertThat(Ratios.atLeast(0.95, Ratios.SERVER_GOAL)).isEqualTo("met");
        assertThat(Ratios.atLeast(0.5, Ratios.SERVER_GOAL)).isEqualTo("**missed**");
        assertThat(Ratios.atLeast(Double.NaN, Ratios.BATCHING_GOAL)).isEqualTo("not measured");
        assertThat(Ratios.atMost(0.4, Ratios.GATEWAY_ADDED_P50_MS)).isEqualTo("met");
        assertThat(Ratios.atMost(1.5, Ratios.GATEWAY_ADDED_P50_MS)).isEqualTo("**missed**");
    }
}
