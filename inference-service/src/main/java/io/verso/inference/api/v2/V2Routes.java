package io.verso.inference.api.v2;

import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.tracing.InferenceTracing;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Maps the Open Inference Protocol's REST paths, each with and without {@code /versions/{version}}. */
public final class V2Routes {

    private static final String MODEL = "/v2/models/{model}";
    private static final String VERSION = MODEL + "/versions/{version}";

    private V2Routes() {
    }

    /** @param serverVersion what {@code GET /v2} reports as the server's version */
    public static RouterFunction<ServerResponse> router(InferenceService service, RequestBodies bodies,
                                                        String serverVersion, EncodingMetrics encoding,
                                                        InferenceTracing tracing) {
        V2Handler handler = new V2Handler(service, bodies, serverVersion, encoding, tracing);
        return RouterFunctions.route()
                .GET("/v2", handler::serverMetadata)
                .GET("/v2/health/live", handler::live)
                .GET("/v2/health/ready", handler::ready)
                .GET(MODEL, handler::modelMetadata)
                .GET(MODEL + "/ready", handler::modelReady)
                .POST(MODEL + "/infer", handler::infer)
                .GET(VERSION, handler::modelMetadata)
                .GET(VERSION + "/ready", handler::modelReady)
                .POST(VERSION + "/infer", handler::infer)
                .build();
    }
}
