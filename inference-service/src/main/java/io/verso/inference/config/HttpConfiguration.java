package io.verso.inference.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.api.monitoring.DriftReportHandler;
import io.verso.inference.api.monitoring.FeedbackHandler;
import io.verso.inference.api.monitoring.MonitoringRoutes;
import io.verso.inference.api.tfserving.TfServingRoutes;
import io.verso.inference.api.v2.V2Routes;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.monitoring.drift.DriftMonitor;
import io.verso.inference.monitoring.feedback.FeedbackService;
import io.verso.inference.tracing.InferenceTracing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Mounts the HTTP APIs: TensorFlow Serving's REST API, the Open Inference Protocol's, and monitoring's. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    EncodingMetrics encodingMetrics(MeterRegistry meterRegistry) {
        return new EncodingMetrics(meterRegistry);
    }

    @Bean
    RequestBodies requestBodies(InferenceProperties properties) {
        return new RequestBodies(Math.toIntExact(Math.min(Integer.MAX_VALUE, properties.maxRequestSize().toBytes())));
    }

    @Bean
    RouterFunction<ServerResponse> tfServingRouter(InferenceService service, RequestBodies bodies,
                                                   EncodingMetrics encoding, InferenceTracing tracing) {
        return TfServingRoutes.router(service, bodies, encoding, tracing);
    }

    /** The server version reported by {@code GET /v2}: the jar's Implementation-Version, as Spring Boot reads it. */
    @Bean
    RouterFunction<ServerResponse> v2Router(InferenceService service, RequestBodies bodies, Environment environment,
                                            EncodingMetrics encoding, InferenceTracing tracing) {
        return V2Routes.router(service, bodies, environment.getProperty("spring.application.version", "development"),
                encoding, tracing);
    }

    @Bean
    RouterFunction<ServerResponse> monitoringRouter(FeedbackService feedback, RequestBodies bodies,
                                                    DriftMonitor drift, ModelManager manager) {
        return MonitoringRoutes.router(new FeedbackHandler(feedback, bodies),
                new DriftReportHandler(drift, manager::holds));
    }
}
