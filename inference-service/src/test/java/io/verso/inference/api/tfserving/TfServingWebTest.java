package io.verso.inference.api.tfserving;

import static io.verso.inference.testsupport.ErrorReplies.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.api.RequestBodies;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.ServingStack;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * TensorFlow Serving's REST routes bound to a {@link WebTestClient} without a server or Spring context, over the
 * real data plane serving {@code half_plus_two}: the edge cases of the HTTP layer (bodies, methods, paths) that need
 * no full application.
 */
class TfServingWebTest {

    private static final int MAX_BODY_BYTES = 1024;

    private static ServingStack stack;
    private static WebTestClient client;

    @BeforeAll
    static void serve() throws InterruptedException {
        stack = ServingStack.serving(
                List.of(ModelConfig.of("half_plus_two", Fixtures.model("saved_model_half_plus_two_cpu"))), List.of());
        client = WebTestClient.bindToRouterFunction(TfServingRoutes.router(stack.service(),
                new RequestBodies(MAX_BODY_BYTES), stack.encoding(), stack.tracing())).build();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void predictsThroughTheRoutes() {
        client.post().uri("/v1/models/half_plus_two:predict").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instances\": [1.0, 2.0, 5.0]}").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"predictions\": [2.5, 3.0, 4.5]}");
    }

    @Test
    void malformedJsonIsA400NamingIt() {
        assertThat(error(post("/v1/models/half_plus_two:predict", "{\"instances\": [1.0,"), 400))
                .startsWith("malformed JSON");
    }

    @Test
    void anEmptyBodyIsA400SayingWhatIsExpected() {
        assertThat(error(post("/v1/models/half_plus_two:predict", ""), 400))
                .contains("'instances' or 'inputs'");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"instances\": [" + "1.0, ".repeat(MAX_BODY_BYTES / 5) + "1.0]}";
        assertThat(error(post("/v1/models/half_plus_two:predict", big), 413)).contains("too large");
    }

    @Test
    void theWrongMethodOnAKnownUrlIsTfServingsMalformedRequest() {
        assertThat(error(client.get().uri("/v1/models/half_plus_two:predict").exchange(), 400))
                .isEqualTo("Malformed request: GET /v1/models/half_plus_two:predict");
        assertThat(error(post("/v1/models/half_plus_two/metadata", "{}"), 400))
                .isEqualTo("Malformed request: POST /v1/models/half_plus_two/metadata");
    }

    @Test
    void methodsOtherThanGetAndPostHaveNoRoute() {
        client.method(HttpMethod.PUT).uri("/v1/models/half_plus_two:predict").bodyValue("{}").exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/v1/models/half_plus_two").exchange().expectStatus().isNotFound();
    }

    @Test
    void anUnknownModelIsA404NamingIt() {
        assertThat(error(client.get().uri("/v1/models/nope").exchange(), 404)).contains("nope");
        assertThat(error(post("/v1/models/nope:predict", "{\"instances\": [1.0]}"), 404)).contains("nope");
    }

    @Test
    void anUnknownVersionIsA404AndAnUnknownLabelA400AsInTfServing() {
        assertThat(error(client.get().uri("/v1/models/half_plus_two/versions/7").exchange(), 404))
                .contains("half_plus_two").contains("7");
        assertThat(error(post("/v1/models/half_plus_two/labels/beta:predict", "{\"instances\": [1.0]}"), 400))
                .isEqualTo("Unrecognized servable version label: beta");
    }

    @Test
    void aMalformedPathIsA404AndAnOversizedVersionA400() {
        assertThat(error(client.get().uri("/v1/models/half_plus_two/bogus").exchange(), 404))
                .isEqualTo("Malformed request: GET /v1/models/half_plus_two/bogus");
        assertThat(error(client.get().uri("/v1/models/half_plus_two/versions/99999999999999999999").exchange(), 400))
                .contains("not a 64-bit number");
    }

    private WebTestClient.ResponseSpec post(String path, String json) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
