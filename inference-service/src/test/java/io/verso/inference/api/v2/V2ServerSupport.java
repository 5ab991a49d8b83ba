package io.verso.inference.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.json.Json;
import io.verso.inference.testsupport.FixtureServerSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The V2 REST ITs' helpers over the shared fixture server ({@link FixtureServerSupport}): waits until the models
 * are loaded, sends JSON and binary requests, and keeps each reply's body in its assertions' messages.
 */
abstract class V2ServerSupport extends FixtureServerSupport {

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    WebTestClient client;

    /** Models load in the background after startup; the tests start once the server says it is ready. */
    @BeforeEach
    void waitUntilModelsAreLoaded() throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        Reply reply = get("/v2/health/ready");
        while (reply.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reply = get("/v2/health/ready");
        }
        assertThat(reply.status()).as("server ready within %s: %s", LOAD_TIMEOUT, reply.text()).isEqualTo(200);
    }

    Reply get(String path) {
        return reply(client.get().uri(path).exchange().expectBody(byte[].class).returnResult());
    }

    Reply postJson(String path, String json) {
        return reply(client.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange().expectBody(byte[].class).returnResult());
    }

    /** A request in Triton's binary tensor format: a JSON header of {@code headerLength} bytes, then raw tensors. */
    Reply postBinary(String path, byte[] body, int headerLength) {
        return reply(client.post().uri(path).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(V2RequestReader.HEADER_LENGTH, Integer.toString(headerLength))
                .bodyValue(body).exchange().expectBody(byte[].class).returnResult());
    }

    private static Reply reply(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBody();
        return new Reply(result.getStatus().value(), result.getResponseHeaders(), body == null ? new byte[0] : body);
    }

    /** One HTTP answer, with helpers that keep the body in every assertion message. */
    record Reply(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }

        /** Asserts the status and returns the JSON body. */
        JsonNode expect(int expectedStatus) {
            assertThat(status).as("status of a reply with body %s", text()).isEqualTo(expectedStatus);
            return json();
        }

        /** Asserts the status and that the body is {@code {"error": "..."}}; returns the message. */
        String expectError(int expectedStatus) {
            JsonNode json = expect(expectedStatus);
            assertThat(json.propertyNames()).as("error body %s", text()).containsExactly("error");
            return json.get("error").stringValue();
        }
    }
}
