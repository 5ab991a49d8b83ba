package io.verso.inference.dataplane;

import java.util.Map;

/**
 * What the protocol handler knows about a call that the data plane passes on to {@link InferenceObserver}s.
 *
 * @param requestId    the id echoed to the client as X-Request-Id
 * @param api          "tfserving" or "v2"
 * @param method       "predict", "classify", "regress" or "infer"
 * @param headers      the request's x-verso-* headers, names lower-cased
 * @param requestBytes size of the request body
 * @param receivedNanos {@link System#nanoTime()} when the handler had the whole body: the start of the call's
 *                      total time
 */
public record CallContext(String requestId, String api, String method, Map<String, String> headers,
                          long requestBytes, long receivedNanos) {

    public CallContext {
        headers = Map.copyOf(headers);
    }
}
