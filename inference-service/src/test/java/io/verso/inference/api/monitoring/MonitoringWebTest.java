package io.verso.inference.api.monitoring;

import static io.verso.inference.testsupport.ErrorReplies.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.api.tfserving.TfServingRoutes;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.monitoring.ModelMonitoring;
import io.verso.inference.monitoring.MonitoringSettings;
import io.verso.inference.monitoring.Task;
import io.verso.inference.monitoring.drift.DriftMonitor;
import io.verso.inference.monitoring.drift.DriftThresholds;
import io.verso.inference.monitoring.drift.DriftWindow;
import io.verso.inference.monitoring.drift.ModelDriftSettings;
import io.verso.inference.monitoring.feedback.FeedbackService;
import io.verso.inference.monitoring.slice.Slicer;
import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.ServingStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring routes (feedback, quality, drift report) bound to a {@link WebTestClient} without a server or
 * Spring context, beside TensorFlow Serving's routes over the real data plane serving {@code half_plus_two}, so that
 * feedback can join real predictions: the edge cases of the HTTP layer that need no full application.
 */
class MonitoringWebTest {

    private static final int MAX_BODY_BYTES = 1024;
    private static final String QUALITY = "/monitoring/models/half_plus_two/versions/123/quality";

    private static ServingStack stack;
    private static WebTestClient client;

    @BeforeAll
    static void serve() throws InterruptedException {
        ModelMonitoring regression = new ModelMonitoring(0.0, Task.REGRESSION, null, Slicer.NONE);
        FeedbackService feedback = FeedbackService.create(new MonitoringSettings(regression, Map.of()), 100, 1000,
                Duration.ofMinutes(5), 10, new SimpleMeterRegistry());
        DriftMonitor drift = new DriftMonitor((model, version) -> Map.of(),
                model -> new ModelDriftSettings(Map.of(), new DriftThresholds(0.2, 0.1, 0.1, 100)),
                new DriftWindow(Duration.ofMinutes(10), 10, 100), System::currentTimeMillis,
                new SimpleMeterRegistry());
        stack = ServingStack.serving(
                List.of(ModelConfig.of("half_plus_two", Fixtures.model("saved_model_half_plus_two_cpu"))),
                List.of(feedback));
        RequestBodies bodies = new RequestBodies(MAX_BODY_BYTES);
        client = WebTestClient.bindToRouterFunction(
                TfServingRoutes.router(stack.service(), bodies, stack.encoding(), stack.tracing())
                        .and(MonitoringRoutes.router(new FeedbackHandler(feedback, bodies),
                                new DriftReportHandler(drift, stack.manager()::holds)))).build();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void feedbackOnAnAnsweredPredictionIsScored() throws InterruptedException {
        client.post().uri("/v1/models/half_plus_two:predict").header("X-Request-Id", "web-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instances\": [1.0]}").exchange()
                .expectStatus().isOk();
        // Observers hear of a call as it completes, which may be just after its answer was sent.
        JsonNode scored = feedback("{\"request_id\": \"web-1\", \"label\": 2.5}");
        for (int tries = 0; tries < 50 && scored.get("status").stringValue().equals("not_found"); tries++) {
            Thread.sleep(100);
            scored = feedback("{\"request_id\": \"web-1\", \"label\": 2.5}");
        }
        assertThat(scored.get("status").stringValue()).as(scored.toString()).isEqualTo("matched");
        assertThat(scored.get("version").asLong()).isEqualTo(123);

        client.get().uri(QUALITY).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.overall.task").isEqualTo("regression")
                .jsonPath("$.overall.count").isEqualTo(1)
                .jsonPath("$.overall.mae").isEqualTo(0.0);
    }

    @Test
    void malformedJsonIsA400NamingIt() {
        assertThat(error(post("{\"request_id\": "), 400)).startsWith("malformed JSON");
    }

    @Test
    void anEmptyBodyIsA400SayingWhatIsExpected() {
        assertThat(error(post(""), 400)).startsWith("feedback body is empty");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"request_id\": \"r\", \"labels\": [" + "1, ".repeat(MAX_BODY_BYTES / 3) + "1]}";
        assertThat(error(post(big), 413)).contains("too large");
    }

    @Test
    void itemsThatAreNotFeedbackAreA400NamingTheField() {
        assertThat(error(post("{\"items\": []}"), 400)).contains("\"items\"");
        assertThat(error(post("{\"label\": 1}"), 400)).contains("\"request_id\"");
        assertThat(error(post("{\"request_id\": \"r\", \"label\": 1, \"labels\": [1]}"), 400))
                .contains("exactly one of");
        assertThat(error(post("{\"request_id\": \"r\", \"label\": [1]}"), 400)).contains("feedback.label");
    }

    @Test
    void anUnknownRequestIdIsA404NamingIt() {
        assertThat(error(post("{\"request_id\": \"never-sent\", \"label\": 1}"), 404)).contains("never-sent");
    }

    @Test
    void aBatchAnswersEachItemWithItsOwnStatus() {
        client.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"items\": [{\"request_id\": \"never-sent\", \"label\": 1}, {\"label\": 1}]}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].status").isEqualTo("not_found")
                .jsonPath("$.items[1].status").isEqualTo("invalid")
                .jsonPath("$.items[1].error").value(String.class, e -> assertThat(e).contains("items[1]"));
    }

    @Test
    void theWrongMethodHasNoRoute() {
        client.get().uri("/v1/feedback").exchange().expectStatus().isNotFound();
        client.post().uri(QUALITY).bodyValue("{}").exchange().expectStatus().isNotFound();
    }

    @Test
    void aVersionThatIsNotANumberIsA400() {
        assertThat(error(client.get().uri("/monitoring/models/half_plus_two/versions/x/quality").exchange(), 400))
                .contains("'x'");
        assertThat(error(client.get().uri("/monitoring/models/half_plus_two/versions/x/drift").exchange(), 400))
                .contains("'x'");
    }

    @Test
    void driftOfAVersionThePodDoesNotHoldOrWithoutBaselineIsA404() {
        assertThat(error(client.get().uri("/monitoring/models/nope/versions/1/drift").exchange(), 404))
                .contains("'nope'").contains("no version 1");
        assertThat(error(client.get().uri("/monitoring/models/half_plus_two/versions/123/drift").exchange(), 404))
                .contains("no training baseline");
    }

    private JsonNode feedback(String json) {
        return client.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String json) {
        return client.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
