package io.verso.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP verso_batch_size_rows Rows per executed batch
            # TYPE verso_batch_size_rows histogram
            verso_batch_size_rows_bucket{application="verso-inference",model="mlp",signature="serving_default",version="1",le="1.0"} 3
            verso_batch_size_rows_count{application="verso-inference",model="mlp",signature="serving_default",version="1"} 120
            verso_batch_size_rows_sum{application="verso-inference",model="mlp",signature="serving_default",version="1"} 2400.0
            verso_batch_size_rows_count{application="verso-inference",model="half_plus_two",signature="serving_default",version="1"} 7
            verso_batch_size_rows_sum{application="verso-inference",model="half_plus_two",signature="serving_default",version="1"} 9.0
            verso_batch_size_rows_max{application="verso-inference",model="mlp",signature="serving_default",version="1"} 64.0
            """;

    @Test
    void sumsOneMetricForOneModelOnly() {
        assertThat(PrometheusText.sum(EXPOSITION, "verso_batch_size_rows_sum", "model", "mlp")).isEqualTo(2400.0);
        assertThat(PrometheusText.sum(EXPOSITION, "verso_batch_size_rows_count", "model", "mlp")).isEqualTo(120.0);
        assertThat(PrometheusText.sum(EXPOSITION, "verso_batch_size_rows_count", "model", "half_plus_two"))
                .isEqualTo(7.0);
    }

    @Test
    void aMetricNameThatIsOnlyAPrefixDoesNotMatch() {
        assertThat(PrometheusText.sum(EXPOSITION, "verso_batch_size_rows", "model", "mlp")).isZero();
        assertThat(PrometheusText.sum(EXPOSITION, "verso_batch_size_rows_sum", "model", "other")).isZero();
    }
}
