package io.verso.inference.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Request and load metrics as Prometheus scrapes them. */
class RequestMetricsIT extends MonitoringServerSupport {

    private static final String[] OK = {"api", "tfserving", "method", "predict", "model", "half_plus_two",
        "signature", "serving_default", "status", "ok", "version", "123"};

    @Test
    void recordsLatencyHistogramsSizesAndStagesPerModelVersionAndStatus() {
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [1.0]}").expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = prometheus();
            // A histogram with buckets (p99 is computed from them), including the explicit SLO bounds.
            assertThat(scrape.value("verso_inference_requests_seconds_bucket", with(OK, "le", "0.1"))).isPresent();
            assertThat(scrape.value("verso_inference_requests_seconds_bucket", with(OK, "le", "+Inf")))
                    .hasValueSatisfying(count -> assertThat(count).isPositive());
            assertThat(scrape.value("verso_inference_queue_seconds_count", OK)).isPresent();
            assertThat(scrape.value("verso_inference_run_seconds_count", OK)).isPresent();
            assertThat(scrape.value("verso_inference_request_bytes_count", OK)).isPresent();
            assertThat(scrape.value("verso_inference_encode_seconds_count",
                    "api", "tfserving", "model", "half_plus_two", "version", "123")).isPresent();
            assertThat(scrape.value("verso_model_load_seconds_count",
                    "model", "half_plus_two", "outcome", "available", "version", "123")).hasValue(1.0);
        });
    }

    @Test
    void tagsCallsThatSelectedNoVersionAsUnknownSoClientsCannotCreateSeries() {
        postJson("/v1/models/made_up_model_7:predict", "{\"instances\": [1.0]}").expectStatus().isNotFound();
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [\"text\"]}").expectStatus().isBadRequest();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = prometheus();
            assertThat(scrape.text()).doesNotContain("made_up_model_7");
            assertThat(scrape.value("verso_inference_requests_seconds_count", "method", "predict",
                    "model", "unknown", "signature", "none", "status", "NOT_FOUND", "version", "none")).isPresent();
            assertThat(scrape.value("verso_inference_requests_seconds_count", "model", "half_plus_two",
                    "signature", "none", "status", "INVALID_ARGUMENT", "version", "123")).isPresent();
        });
    }

    /** The autoscaling signal counts every call while it is in the data plane and lets go of failed ones too. */
    @Test
    void inFlightCallsReturnToZeroAfterAnsweredAndFailedCalls() {
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [1.0]}").expectStatus().isOk();
        postJson("/v1/models/made_up_model_8:predict", "{\"instances\": [1.0]}").expectStatus().isNotFound();
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [\"text\"]}").expectStatus().isBadRequest();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus().value("verso_inference_in_flight")).hasValue(0.0));
    }

    private static String[] with(String[] pairs, String... more) {
        String[] all = java.util.Arrays.copyOf(pairs, pairs.length + more.length);
        System.arraycopy(more, 0, all, pairs.length, more.length);
        return all;
    }
}
