package io.verso.gateway.config;

import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.backend.PodTargetFilter;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.protection.ApiKeyFilter;
import io.verso.gateway.protection.ClientAddress;
import io.verso.gateway.protection.ClientRateLimiter;
import io.verso.gateway.protection.KeyVerifier;
import io.verso.gateway.protection.RateLimitFilter;
import io.verso.gateway.proxy.CachedBodyFilter;
import io.verso.gateway.proxy.FeedbackBroadcastFilter;
import io.verso.gateway.proxy.InferenceRoutingFilter;
import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.routing.InferencePath;
import io.verso.gateway.shadow.ShadowMirror;
import io.verso.gateway.tracing.RouteTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's routes, built in code so that the validated properties are their single source. The inference
 * route ({@code /v1/models/**}, {@code /v2/**}) runs: API key (held to its models), rate limit, body cache under the
 * size limit, then the routing filter, which picks the pod (its URI below is only Spring Cloud Gateway's placeholder
 * target). The feedback route ({@code POST /v1/feedback}) needs the feedback scope, is rate limited, and broadcasts
 * the body to every pod and merges their answers. The admin route (unless {@code verso.gateway.admin.enabled} is
 * false) proxies {@code /admin/**} to the registry's {@code /api/v1/**} under the rate limit; the client's bearer
 * token passes through and the registry checks it.
 * The console route proxies {@code /admin/console/**} to the registry's web console, cookies and all, telling it
 * the {@code /admin} prefix so its pages link back through the gateway.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VersoGatewayProperties.class)
class InferenceRoutesConfiguration {

    private static final String INFERENCE_ROUTE_ID = "inference";
    private static final String ADMIN_ROUTE_ID = "registry-admin";
    private static final String CONSOLE_ROUTE_ID = "registry-console";
    /** The registry's own prefix header: Spring Cloud Gateway strips X-Forwarded-* without trusted proxies. */
    private static final String FORWARDED_PREFIX = "X-Verso-Forwarded-Prefix";
    private static final String FEEDBACK_ROUTE_ID = "feedback";
    /** A pod scores feedback in memory in well under a second; one that takes this long is counted as down. */
    private static final Duration FEEDBACK_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    RouteLocator inferenceRoutes(RouteLocatorBuilder routes, VersoGatewayProperties properties,
                                 List<GatewayFilter> inferenceFilters, CurrentRouting routing,
                                 WebClient gatewayWebClient, KeyVerifier keys, ClientRateLimiter limiter,
                                 ClientAddress addresses, GatewayMetrics metrics) {
        RouteLocatorBuilder.Builder builder = routes.routes()
                .route(INFERENCE_ROUTE_ID, route -> route
                        .path("/v1/models/**", "/v2", "/v2/**")
                        .filters(filters -> filters.filters(inferenceFilters))
                        .uri(properties.inferenceUri()))
                .route(FEEDBACK_ROUTE_ID, route -> route
                        .path("/v1/feedback").and().method(HttpMethod.POST)
                        .filters(filters -> filters.filters(feedbackFilters(properties, keys, routing, gatewayWebClient,
                                rateLimit(properties, limiter, addresses, metrics))))
                        .uri(properties.inferenceUri()));
        if (properties.registryUri() != null && properties.admin().enabled()) {
            // Before the admin API route, which would send /admin/console to /api/v1/console. The registry links
            // its pages back through the prefix it is told, never one the client made up.
            builder.route(CONSOLE_ROUTE_ID, route -> route
                    .order(-1)
                    .path("/admin/console", "/admin/console/**")
                    .filters(filters -> filters.filters(rateLimit(properties, limiter, addresses, metrics))
                            .rewritePath("/admin/console(?<rest>.*)", "/console${rest}")
                            .setRequestHeader(FORWARDED_PREFIX, "/admin"))
                    .uri(properties.registryUri()));
            builder.route(ADMIN_ROUTE_ID, route -> route
                    .path("/admin", "/admin/**")
                    .filters(filters -> filters.filters(rateLimit(properties, limiter, addresses, metrics))
                            .rewritePath("/admin/?(?<rest>.*)", "/api/v1/${rest}"))
                    .uri(properties.registryUri()));
        }
        return builder.build();
    }

    /** The rate limit filter when limits are on; none otherwise. */
    private static List<GatewayFilter> rateLimit(VersoGatewayProperties properties, ClientRateLimiter limiter,
                                                 ClientAddress addresses, GatewayMetrics metrics) {
        return properties.rateLimit().enabled() ? List.of(new RateLimitFilter(limiter, addresses, metrics))
                : List.of();
    }

    /**
     * Feedback needs a key with the feedback scope (labels feed canary analysis) and is rate limited like
     * inference, then broadcast to every pod (see {@link FeedbackBroadcastFilter}); bulk labels go in one request's
     * {@code items}.
     */
    private static List<GatewayFilter> feedbackFilters(VersoGatewayProperties properties, KeyVerifier keys,
                                                       CurrentRouting routing, WebClient client,
                                                       List<GatewayFilter> rateLimit) {
        List<GatewayFilter> filters = new ArrayList<>();
        if (properties.auth().enabled()) {
            filters.add(ApiKeyFilter.forFeedback(properties.auth().header(), keys));
        }
        filters.addAll(rateLimit);
        filters.add(new CachedBodyFilter(Math.toIntExact(properties.maxRequestSize().toBytes())));
        filters.add(new FeedbackBroadcastFilter(routing, client, FEEDBACK_TIMEOUT));
        return filters;
    }

    /** The inference route's filters; each carries its order, so Spring Cloud Gateway sorts them. */
    @Bean
    List<GatewayFilter> inferenceFilters(VersoGatewayProperties properties, KeyVerifier keys,
                                         ClientRateLimiter limiter, ClientAddress addresses, GatewayMetrics metrics,
                                         CurrentRouting routing, PodCaller pods, ShadowMirror shadows,
                                         RouteTracing tracing) {
        List<GatewayFilter> filters = new ArrayList<>();
        if (properties.auth().enabled()) {
            filters.add(ApiKeyFilter.forInference(properties.auth().header(), keys,
                    InferencePath::modelOrNull));
        }
        filters.addAll(rateLimit(properties, limiter, addresses, metrics));
        filters.add(new CachedBodyFilter(Math.toIntExact(properties.maxRequestSize().toBytes())));
        filters.add(new InferenceRoutingFilter(routing, pods, shadows, metrics, tracing,
                Math.toIntExact(properties.shadow().compareLimit().toBytes())));
        filters.add(new PodTargetFilter());
        return filters;
    }
}
