package io.verso.bench.loadgen;

import java.net.URI;
import java.util.Map;

/**
 * The one request every connection of a cell sends again and again, with the headers it needs besides
 * Content-Length.
 */
public record Request(URI uri, Map<String, String> headers, byte[] body) {

    public Request {
        headers = Map.copyOf(headers);
    }
}
