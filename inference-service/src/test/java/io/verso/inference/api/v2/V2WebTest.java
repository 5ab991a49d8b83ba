package io.verso.inference.api.v2;

import static io.verso.inference.testsupport.ErrorReplies.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.api.RequestBodies;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.ServingStack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Open Inference Protocol's REST routes bound to a {@link WebTestClient} without a server or Spring context,
 * over the real data plane serving {@code half_plus_two} and {@code two_versions} (123 and 124, no labels): the
 * edge cases of the HTTP layer that need no full application.
 */
class V2WebTest {

    private static final int MAX_BODY_BYTES = 1024;
    private static final String REQUEST = """
            {"inputs": [{"name": "x", "datatype": "FP32", "shape": [3, 1], "data": [1.0, 2.0, 5.0]}]}""";

    private static ServingStack stack;
    private static WebTestClient client;

    @BeforeAll
    static void serve() throws InterruptedException {
        stack = ServingStack.serving(List.of(
                ModelConfig.of("half_plus_two", Fixtures.model("saved_model_half_plus_two_cpu")),
                new ModelConfig("two_versions", Fixtures.model("saved_model_half_plus_two_2_versions"),
                        VersionPolicy.all(), null, null)), List.of());
        client = WebTestClient.bindToRouterFunction(V2Routes.router(stack.service(),
                new RequestBodies(MAX_BODY_BYTES), "test", stack.encoding(), stack.tracing())).build();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void infersThroughTheRoutes() {
        client.post().uri("/v2/models/half_plus_two/infer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(REQUEST).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.model_version").isEqualTo("123")
                .jsonPath("$.outputs[0].data").isEqualTo(List.of(2.5, 3.0, 4.5));
    }

    @Test
    void withoutAVersionOrLabelTheNewestVersionAnswers() {
        client.post().uri("/v2/models/two_versions/infer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(REQUEST).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.model_version").isEqualTo("124");
    }

    @Test
    void malformedJsonIsA400NamingIt() {
        assertThat(error(infer("half_plus_two", "{\"inputs\": [{\"name\": "), 400)).startsWith("malformed JSON");
    }

    @Test
    void anEmptyBodyIsA400SayingWhatIsExpected() {
        assertThat(error(infer("half_plus_two", ""), 400))
                .isEqualTo("the request body is empty; expected a JSON inference request");
    }

    @Test
    void aRequestWithoutInputsIsA400NamingThem() {
        assertThat(error(infer("half_plus_two", "{}"), 400)).contains("'inputs'");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [300, 1], \"data\": ["
                + "1.0, ".repeat(299) + "1.0]}]}";
        assertThat(big.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(MAX_BODY_BYTES);
        assertThat(error(infer("half_plus_two", big), 413)).contains("too large");
    }

    @Test
    void aBinaryHeaderLongerThanTheBodyIsA400() {
        byte[] body = "{\"inputs\": []}".getBytes(StandardCharsets.UTF_8);
        String message = error(client.post().uri("/v2/models/half_plus_two/infer")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(V2RequestReader.HEADER_LENGTH, Integer.toString(body.length + 10))
                .bodyValue(body).exchange(), 400);
        assertThat(message).contains(V2RequestReader.HEADER_LENGTH).contains(Integer.toString(body.length + 10));
    }

    @Test
    void theWrongMethodHasNoRoute() {
        client.get().uri("/v2/models/half_plus_two/infer").exchange().expectStatus().isNotFound();
        client.post().uri("/v2/models/half_plus_two").bodyValue(REQUEST).exchange().expectStatus().isNotFound();
        client.delete().uri("/v2/health/ready").exchange().expectStatus().isNotFound();
    }

    @Test
    void anUnknownModelOrVersionIsA404NamingIt() {
        assertThat(error(client.get().uri("/v2/models/nope").exchange(), 404)).contains("nope");
        assertThat(error(infer("nope", REQUEST), 404)).contains("nope");
        assertThat(error(client.get().uri("/v2/models/two_versions/versions/125/ready").exchange(), 404))
                .contains("two_versions").contains("125");
    }

    @Test
    void aVersionThatIsNotANumberIsA400() {
        assertThat(error(client.get().uri("/v2/models/half_plus_two/versions/latest").exchange(), 400))
                .contains("latest");
    }

    private WebTestClient.ResponseSpec infer(String model, String json) {
        return client.post().uri("/v2/models/" + model + "/infer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }
}
