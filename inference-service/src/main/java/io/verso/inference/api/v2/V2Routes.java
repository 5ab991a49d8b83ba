package io.verso.inference.api.v2;

import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.tracing.InferenceTracing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Maps the Open Inference Protocol's REST paths, each with and without {@code /versions/{version}}. */
@Configuration(proxyBeanMethods = false)
class V2Routes {

    private static final String MODEL = "/v2/models/{model}";
    private static final String VERSION = MODEL + "/versions/{version}";

    /** The server version reported by {@code GET /v2}: the jar's Implementation-Version, as Spring Boot reads it. */
    @Bean
    V2Handler v2Handler(InferenceService inferenceService, RequestBodies requestBodies, Environment environment,
                        EncodingMetrics encoding, InferenceTracing tracing) {
        return new V2Handler(inferenceService, requestBodies,
                environment.getProperty("spring.application.version", "development"), encoding, tracing);
    }

    @Bean
    RouterFunction<ServerResponse> v2RouterFunction(V2Handler handler) {
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
