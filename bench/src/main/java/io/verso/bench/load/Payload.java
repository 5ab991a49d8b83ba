package io.verso.bench.load;

import io.verso.bench.loadgen.Request;
import java.net.URI;
import java.util.Map;

/**
 * One ready-made request, sent unchanged by every client of a cell so that building it costs the load generator
 * nothing while it measures.
 *
 * @param protocol its wire format
 * @param path the request path
 * @param headers request headers besides Content-Length
 * @param body the request body
 * @param rows rows of the input tensor
 * @param outputValues elements of the output tensor the answer must carry (rows × output width)
 */
public record Payload(Protocol protocol, String path, Map<String, String> headers, byte[] body, int rows,
                      int outputValues) {

    /** This request sent to the server at {@code baseUrl}, with {@code extraHeaders} (an API key) too. */
    public Request to(String baseUrl, Map<String, String> extraHeaders) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(extraHeaders);
        return new Request(URI.create(baseUrl + path), all, body);
    }
}
