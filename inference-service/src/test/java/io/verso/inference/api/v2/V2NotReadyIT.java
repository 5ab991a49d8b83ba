package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.json.Json;
import io.verso.inference.testsupport.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A server with a model that cannot load: the server is not ready (503), that model's readiness is a 400 naming
 * the failed version, and a healthy model beside it still serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
// The context is closed after this class, before JUnit deletes the temporary model directory it serves.
@DirtiesContext
class V2NotReadyIT {

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path repository;

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.loading.max-attempts", () -> "1");
        registry.add("verso.inference.models[0].name", () -> "broken");
        registry.add("verso.inference.models[0].base-path", V2NotReadyIT::brokenModel);
        registry.add("verso.inference.models[1].name", () -> "half_plus_two");
        registry.add("verso.inference.models[1].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
    }

    /** Version 1 of a model whose saved_model.pb is not a SavedModel, so loading it fails. */
    private static String brokenModel() {
        try {
            Path version = Files.createDirectories(repository.resolve("broken/1"));
            Files.writeString(version.resolve("saved_model.pb"), "not a protocol buffer");
            return version.getParent().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void waitUntilTheBrokenVersionHasFailed() throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        EntityExchangeResult<byte[]> reply = get("/v2/models/broken/ready");
        while (!text(reply).contains("ERROR") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reply = get("/v2/models/broken/ready");
        }
        assertThat(text(reply)).as("the broken version fails to load within %s", LOAD_TIMEOUT).contains("ERROR");
    }

    @Test
    void theServerIsNotReadyWhileAModelServesNoVersion() {
        EntityExchangeResult<byte[]> reply = get("/v2/health/ready");
        assertThat(reply.getStatus().value()).isEqualTo(503);
        assertThat(text(reply)).isEqualTo("{\"ready\":false}");
        assertThat(get("/v2/health/live").getStatus().value()).as("still alive").isEqualTo(200);
    }

    @Test
    void theBrokenModelIsNotReadyAndSaysWhy() {
        EntityExchangeResult<byte[]> reply = get("/v2/models/broken/ready");
        assertThat(reply.getStatus().value()).isEqualTo(400);
        JsonNode body = Json.MAPPER.readTree(reply.getResponseBody());
        assertThat(body.get("error").stringValue()).startsWith("model 'broken' is not ready: version 1 is ERROR (");

        EntityExchangeResult<byte[]> infer = client.post().uri("/v2/models/broken/infer")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"inputs\": []}".getBytes(StandardCharsets.UTF_8))
                .exchange().expectBody(byte[].class).returnResult();
        assertThat(infer.getStatus().value()).isEqualTo(404);
        assertThat(text(infer)).contains("Servable not found for request: Latest(broken)");
    }

    @Test
    void aHealthyModelBesideItStillServes() throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (get("/v2/models/half_plus_two/ready").getStatus().value() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        EntityExchangeResult<byte[]> reply = client.post().uri("/v2/models/half_plus_two/infer")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(V2InferIT.HALF_PLUS_TWO_REQUEST.getBytes(StandardCharsets.UTF_8))
                .exchange().expectBody(byte[].class).returnResult();
        assertThat(reply.getStatus().value()).as(text(reply)).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(reply.getResponseBody()).get("outputs").get(0).get("data").toString())
                .isEqualTo("[2.5,3.0,4.5]");
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return client.get().uri(path).exchange().expectBody(byte[].class).returnResult();
    }

    private static String text(EntityExchangeResult<byte[]> reply) {
        byte[] body = reply.getResponseBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
