package io.verso.gateway.config;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.backend.PodHealthProber;
import io.verso.gateway.backend.PodResilience;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.routing.EndpointPicker;
import io.verso.gateway.routing.LeastOutstandingPicker;
import io.verso.gateway.routing.OutstandingRequests;
import io.verso.gateway.routing.PodHealth;
import io.verso.gateway.routing.RoundRobinPicker;
import io.verso.gateway.shadow.ShadowMirror;
import io.verso.gateway.tracing.RouteTracing;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls to pods: picking, per-pod Resilience4j instances (from the registries resilience4j-spring-boot4 builds out
 * of {@code resilience4j.*.configs.default}), health checks, shadow copies, and the gateway's own HTTP client.
 */
@Configuration(proxyBeanMethods = false)
class BackendConfiguration {

    /** Routing tables, shadow answers and health answers: bodies well above WebClient's 256 KB default. */
    private static final int CLIENT_BUFFER_BYTES = 16 * 1024 * 1024;

    @Bean
    WebClient gatewayWebClient() {
        return WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(CLIENT_BUFFER_BYTES))
                .build();
    }

    /**
     * reactor-netty retries a request once when its connection closes before the answer; the request may already
     * have run on the pod, and a predict must never run twice. The gateway's own retry covers the safe case.
     */
    @Bean
    HttpClientCustomizer noSilentRetry() {
        return httpClient -> httpClient.disableRetry(true);
    }

    @Bean
    PodHealth podHealth() {
        return new PodHealth();
    }

    @Bean
    OutstandingRequests outstandingRequests() {
        return new OutstandingRequests();
    }

    @Bean
    PodResilience podResilience(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters,
                                BulkheadRegistry bulkheads) {
        return new PodResilience(breakers, timeLimiters, bulkheads);
    }

    @Bean
    EndpointPicker endpointPicker(VersoGatewayProperties properties, PodHealth health, PodResilience resilience,
                                  OutstandingRequests outstanding) {
        Predicate<String> available = pod -> health.isUp(pod) && resilience.admits(pod);
        return properties.backend().loadBalancing() == VersoGatewayProperties.LoadBalancing.LEAST_OUTSTANDING
                ? new LeastOutstandingPicker(available, outstanding)
                : new RoundRobinPicker(available);
    }

    @Bean
    PodCaller podCaller(EndpointPicker picker, PodResilience resilience, OutstandingRequests outstanding) {
        return new PodCaller(picker, resilience, outstanding);
    }

    @Bean(destroyMethod = "close")
    PodHealthProber podHealthProber(VersoGatewayProperties properties, WebClient gatewayWebClient,
                                    CurrentRouting routing, PodHealth health) {
        PodHealthProber prober = new PodHealthProber(gatewayWebClient, () -> routing.get().allEndpoints(), health,
                properties.backend().healthInterval(), properties.backend().healthPath());
        prober.start();
        return prober;
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry meters) {
        return new GatewayMetrics(meters);
    }

    /** Micrometer's tracer and W3C propagator when tracing is on (management.tracing.enabled, the default). */
    @Bean
    RouteTracing routeTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new RouteTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    ShadowMirror shadowMirror(VersoGatewayProperties properties, WebClient gatewayWebClient, EndpointPicker picker,
                              GatewayMetrics metrics, RouteTracing tracing) {
        return new ShadowMirror(gatewayWebClient, picker, metrics, properties.shadow().timeout(), tracing);
    }
}
