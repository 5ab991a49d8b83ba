package io.verso.inference.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Ground-truth feedback over real HTTP: labels joined to earlier predictions by request id, accuracy and MAE per
 * version and slice in the quality report and as gauges.
 */
class FeedbackIT extends MonitoringServerSupport {

    /**
     * The acceptance test: the classifier's rows with a small {@code size} feature get right labels, the large ones
     * half wrong ones; the two slices report different accuracy.
     */
    @Test
    void reportsAccuracyPerFeatureSliceFromFeedback() {
        // Rows: [score0, score1, size]. Predicted class: 0 when score0 > score1, else 1.
        predict("clf-small", "[[2.0, 1.0, 1.0], [0.0, 3.0, 2.0]]");       // classes 0, 1; slice size<5.0
        predict("clf-large-1", "[[2.0, 1.0, 7.0], [0.0, 3.0, 9.0]]");     // classes 0, 1; slice size>=5.0
        predict("clf-large-2", "[[5.0, 1.0, 6.0]]");                     // class 0;  slice size>=5.0
        predict("clf-mixed", "[[0.0, 1.0, 4.0], [1.0, 0.0, 8.0]]");       // 1 (size<5.0), 0 (size>=5.0)

        postJson("/v1/feedback", """
                {"items": [
                  {"request_id": "clf-small", "labels": [0, 1]},
                  {"request_id": "clf-large-1", "labels": [1, 1]},
                  {"request_id": "clf-large-2", "label": 0},
                  {"request_id": "clf-mixed", "labels": [1, 1]}
                ]}""").expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].status").isEqualTo(java.util.List.of("matched", "matched", "matched", "matched"))
                .jsonPath("$.items[0].model").isEqualTo("classifier")
                .jsonPath("$.items[0].version").isEqualTo(1);

        // size<5.0: 3 of 3 right; size>=5.0: 2 of 4 right.
        http.get().uri("/monitoring/models/classifier/versions/1/quality").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window.rows").isEqualTo(1000)
                // All rows of the version together: 5 of 7 right.
                .jsonPath("$.overall.count").isEqualTo(7)
                .jsonPath("$.overall.accuracy").isEqualTo(5.0 / 7)
                .jsonPath("$.slices['size<5.0'].task").isEqualTo("classification")
                .jsonPath("$.slices['size<5.0'].count").isEqualTo(3)
                .jsonPath("$.slices['size<5.0'].accuracy").isEqualTo(1.0)
                .jsonPath("$.slices['size>=5.0'].count").isEqualTo(4)
                .jsonPath("$.slices['size>=5.0'].accuracy").isEqualTo(0.5);

        Scrape scrape = prometheus();
        assertThat(scrape.value("verso_model_accuracy", "model", "classifier", "slice", "size<5.0", "version", "1"))
                .hasValue(1.0);
        assertThat(scrape.value("verso_model_accuracy", "model", "classifier", "slice", "size>=5.0", "version", "1"))
                .hasValue(0.5);
        assertThat(scrape.value("verso_feedback_total", "model", "classifier", "outcome", "incorrect",
                "slice", "size>=5.0", "version", "1")).hasValue(2.0);
        // The prediction distribution per slice: size>=5.0 saw class 0 three times.
        assertThat(scrape.value("verso_slice_predictions_total", "class", "0", "model", "classifier",
                "slice", "size>=5.0", "version", "1")).hasValue(3.0);
        // Other tests send the classifier small rows too.
        assertThat(scrape.value("verso_slice_requests_seconds_count", "model", "classifier", "slice", "size<5.0",
                "version", "1")).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(2.0));
    }

    @Test
    void reportsMeanAbsoluteErrorPerHeaderSlice() {
        // half_plus_two: y = x / 2 + 2.
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [1.0, 3.0]}",
                "X-Request-Id", "hpt-mobile", "X-Verso-Slice", "mobile",
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-00").expectStatus().isOk();   // 2.5, 3.5
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [2.0]}",
                "X-Request-Id", "hpt-tv", "X-Verso-Slice", "tv").expectStatus().isOk();           // 3.0
        awaitIndexed("hpt-mobile");
        awaitIndexed("hpt-tv");

        // The answer names the prediction's trace (its caller's, though not sampled), to join feedback and traces.
        postJson("/v1/feedback", "{\"request_id\": \"hpt-mobile\", \"labels\": [3.0, 3.0]}").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("matched").jsonPath("$.trace_id").isEqualTo(traceId);
        postJson("/v1/feedback", "{\"request_id\": \"hpt-tv\", \"label\": 4}").expectStatus().isOk();

        // mobile: |2.5-3| and |3.5-3| → 0.5; "tv" is not an allowed slice value → other: |3-4| = 1.
        http.get().uri("/monitoring/models/half_plus_two/versions/123/quality").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slices.mobile.task").isEqualTo("regression")
                .jsonPath("$.slices.mobile.count").isEqualTo(2)
                .jsonPath("$.slices.mobile.mae").isEqualTo(0.5)
                .jsonPath("$.slices.other.mae").isEqualTo(1.0);
        assertThat(prometheus().value("verso_model_mae", "model", "half_plus_two", "slice", "mobile",
                "version", "123")).hasValue(0.5);
    }

    @Test
    void answersUnknownPredictionsAndBadBodiesWithClientErrors() {
        postJson("/v1/feedback", "{\"request_id\": \"never-seen\", \"label\": 1}").expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").value(String.class, m -> assertThat(m).contains("never-seen"));

        // Without a slice header half_plus_two's rows are slice "none", apart from the other tests' slices.
        postJson("/v1/models/half_plus_two:predict", "{\"instances\": [1.0]}", "X-Request-Id", "hpt-once")
                .expectStatus().isOk();
        awaitIndexed("hpt-once");
        postJson("/v1/feedback", "{\"request_id\": \"hpt-once\", \"labels\": [0, 0]}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").value(String.class, m -> assertThat(m).contains("1 rows but 2"));
        postJson("/v1/feedback", "{\"request_id\": \"hpt-once\", \"label\": \"high\"}").expectStatus()
                .isBadRequest().expectBody().jsonPath("$.error")
                .value(String.class, m -> assertThat(m).contains("must be a number"));
        postJson("/v1/feedback", "{\"request_id\": \"hpt-once\", \"label\": 2.5}").expectStatus().isOk();
        // Each prediction is scored once.
        postJson("/v1/feedback", "{\"request_id\": \"hpt-once\", \"label\": 2.5}").expectStatus().isNotFound();

        postJson("/v1/feedback", "{\"items\": [{\"request_id\": \"never-seen\", \"label\": 1},"
                + " {\"request_id\": 5, \"label\": 1}]}").expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].status").isEqualTo("not_found")
                .jsonPath("$.items[1].status").isEqualTo("invalid")
                .jsonPath("$.items[1].error").value(String.class, m -> assertThat(m).contains("request_id"));

        expectBadRequest("{not json", "malformed JSON");
        expectBadRequest("", "empty");
        expectBadRequest("{\"request_id\": \"x\"}", "\"label\"");
        expectBadRequest("{\"request_id\": \"x\", \"label\": [1]}", "number or a string");
        expectBadRequest("{\"items\": []}", "non-empty array");
        http.get().uri("/monitoring/models/classifier/versions/latest/quality").exchange()
                .expectStatus().isBadRequest();
    }

    private void expectBadRequest(String body, String messagePart) {
        postJson("/v1/feedback", body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").value(String.class, m -> assertThat(m).contains(messagePart));
    }

    private void predict(String requestId, String instances) {
        postJson("/v1/models/classifier:predict", "{\"instances\": " + instances + "}", "X-Request-Id", requestId)
                .expectStatus().isOk();
        awaitIndexed(requestId);
    }

    /** Observers run as the call finishes, which may be just after the client has its answer. */
    private void awaitIndexed(String requestId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !observer.forRequest(requestId).isEmpty());
    }
}
