package io.verso.cli.registry;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** A 2xx answer of the registry; {@code body} is its JSON text, printed as is by {@code --output json}. */
public record RegistryResponse(int status, String body, HttpHeaders headers) {

    public JsonNode json() {
        return Json.MAPPER.readTree(body);
    }

    public String etag() {
        return headers.firstValue("ETag").orElse(null);
    }
}
