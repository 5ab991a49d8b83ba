package io.verso.inference.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The {@code {"error": "..."}} answers every HTTP API of the pod gives, as the WebTestClient tests read them. */
public final class ErrorReplies {

    private ErrorReplies() {
    }

    /** Asserts the status and an {@code {"error": "..."}} JSON body; returns the message. */
    public static String error(WebTestClient.ResponseSpec response, int status) {
        ErrorBody body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(ErrorBody.class).returnResult().getResponseBody();
        assertThat(body).isNotNull();
        assertThat(body.error()).as("the error message").isNotBlank();
        return body.error();
    }

    record ErrorBody(String error) {
    }
}
