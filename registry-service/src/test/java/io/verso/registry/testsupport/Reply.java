package io.verso.registry.testsupport;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP answer as tests look at it: status, headers, body (as JSON when it is JSON). */
public record Reply(int status, HttpHeaders headers, byte[] body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonNode json() {
        return JSON.readTree(body);
    }

    /** The value at a JSON pointer, e.g. {@code /detail} or {@code /items/0/actor}, as text. */
    public String at(String pointer) {
        return json().at(pointer).asString();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String etag() {
        return headers.getETag();
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
