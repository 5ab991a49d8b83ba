package io.verso.gateway.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The static fallback route: both inference APIs (TensorFlow Serving REST under {@code /v1/models/**}, Open
 * Inference Protocol under {@code /v2/**}) go to {@code verso.gateway.inference-uri}, path unchanged. Built in
 * code rather than YAML so the validated property is the single source of the target.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VersoGatewayProperties.class)
class InferenceRoutesConfiguration {

    private static final String FALLBACK_ROUTE_ID = "inference-fallback";

    @Bean
    RouteLocator inferenceFallbackRoute(RouteLocatorBuilder routes, VersoGatewayProperties properties) {
        return routes.routes()
                .route(FALLBACK_ROUTE_ID, route -> route
                        .path("/v1/models/**", "/v2/**")
                        .uri(properties.inferenceUri()))
                .build();
    }
}
