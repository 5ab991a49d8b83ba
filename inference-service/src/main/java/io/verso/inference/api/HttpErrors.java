package io.verso.inference.api;

import io.verso.inference.model.InferenceException;
import io.verso.inference.model.json.Json;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Turns any failure into the answer TensorFlow Serving and Triton clients expect: a status code and
 * {@code {"error": "..."}}. Client mistakes are 4xx with a message naming the problem; anything unexpected is a
 * 500 whose details go to the log, not to the client.
 */
public final class HttpErrors {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    public static Mono<ServerResponse> toResponse(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof InferenceException e) {
            return error(e.code().httpStatus(), e.getMessage());
        }
        if (cause instanceof DataBufferLimitException) {
            return error(HttpStatus.CONTENT_TOO_LARGE.value(), "request body too large: " + cause.getMessage());
        }
        if (cause instanceof JacksonException e) {
            return error(HttpStatus.BAD_REQUEST.value(), "malformed JSON: " + e.getOriginalMessage());
        }
        log.error("Unexpected failure while serving a request", cause);
        return error(HttpStatus.INTERNAL_SERVER_ERROR.value(), "internal error: " + cause.getClass().getSimpleName());
    }

    public static Mono<ServerResponse> error(int status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.MAPPER.writeValueAsBytes(Map.of("error", message)));
    }
}
