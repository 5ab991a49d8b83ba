package io.verso.inference.api.tfserving;

import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.tracing.InferenceTracing;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Mounts TensorFlow Serving's REST API under {@code /v1/models}. */
public final class TfServingRoutes {

    private TfServingRoutes() {
    }

    public static RouterFunction<ServerResponse> router(InferenceService service, RequestBodies bodies,
                                                        EncodingMetrics encoding, InferenceTracing tracing) {
        TfServingHandler handler = new TfServingHandler(service, bodies, encoding, tracing);
        return RouterFunctions.route().GET("/v1/models/**", handler::handle).POST("/v1/models/**", handler::handle)
                .build();
    }
}
