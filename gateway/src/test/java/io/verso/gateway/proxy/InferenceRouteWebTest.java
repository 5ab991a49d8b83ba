package io.verso.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.verso.contracts.ModelNames;
import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.contracts.VersionEndpoints;
import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.protection.ApiKeyFilter;
import io.verso.gateway.protection.ConfiguredKeys;
import io.verso.gateway.protection.VerifiedKey;
import io.verso.gateway.routing.InferencePath;
import io.verso.gateway.routing.RoutingSnapshot;
import io.verso.gateway.shadow.ShadowMirror;
import io.verso.gateway.tracing.RouteTracing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The inference route's own answers over HTTP, with its real filters in their order (API key, body limit, routing)
 * and no application: what the gateway refuses before any pod is called. Only the pod call is replaced; it answers
 * with the path the gateway pinned, so a request that gets through shows where it was sent.
 */
class InferenceRouteWebTest {

    private static final String KEY_HEADER = "X-Api-Key";
    private static final int MAX_BODY = 64;

    private final PodCaller pods = mock(PodCaller.class);
    private WebTestClient client;

    @BeforeEach
    void bindTheRoute() {
        ModelRoute iris = new ModelRoute("iris", 1, 2L, 0, 0, null, 0,
                Map.of(ModelNames.STABLE, 1L, ModelNames.CANARY, 2L, "gold", 1L),
                List.of(new VersionEndpoints(1, List.of("http://pod-1:8501"), Map.of()),
                        new VersionEndpoints(2, List.of("http://pod-2:8501"), Map.of())));
        RoutingSnapshot routing = RoutingSnapshot.of(new RoutingTable("7", List.of(iris)), Map.of());
        // A configured key may call everything; "other-key" (the registry's in production) only another model.
        ConfiguredKeys keys = new ConfiguredKeys(List.of("all-models"), key -> key.equals("other-key")
                ? Mono.just(new VerifiedKey("other", List.of("other"), false)) : Mono.empty());
        List<GatewayFilter> filters = List.of(
                ApiKeyFilter.forInference(KEY_HEADER, keys, InferencePath::modelOrNull),
                new CachedBodyFilter(MAX_BODY),
                new InferenceRoutingFilter(() -> routing, pods, mock(ShadowMirror.class),
                        new GatewayMetrics(new SimpleMeterRegistry()), new RouteTracing(Tracer.NOOP, Propagator.NOOP),
                        1024));
        when(pods.forward(any(), any(), anyList(), anyString())).thenAnswer(call -> {
            ServerWebExchange exchange = call.getArgument(0);
            String sentTo = call.getArgument(3);
            byte[] body = sentTo.getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        });
        client = WebTestClient.bindToWebHandler(exchange -> chain(filters, 0).filter(exchange)).build();
    }

    @Test
    void aRequestWithinTheRulesIsPinnedAndSent() {
        // A label pin goes to a pod of the labelled version, which resolves the label itself.
        predict("/v1/models/iris/labels/gold:predict", "{}").expectStatus().isOk()
                .expectHeader().valueEquals(InferenceRoutingFilter.VERSION_HEADER, "1")
                .expectBody(String.class).isEqualTo("/v1/models/iris/labels/gold:predict");
        predict("/v1/models/iris/labels/canary:predict", "{}").expectStatus().isOk()
                .expectHeader().valueEquals(InferenceRoutingFilter.VERSION_HEADER, "2");
        predict("/v1/models/" + "m".repeat(ModelNames.MAX_NAME_LENGTH) + ":predict", "{}").expectStatus()
                .isNotFound();
    }

    @Test
    void aModelNameOutsideTheRegistrysRuleIsABadRequestNamingIt() {
        String tooLong = "m".repeat(ModelNames.MAX_NAME_LENGTH + 1);
        error(predict("/v1/models/" + tooLong + ":predict", "{}"), 400,
                "Invalid model name '" + tooLong + "'", ModelNames.NAME_RULE);
        error(predict("/v2/models/mod%C3%A8le/infer", "{}"), 400, "Invalid model name 'mod%C3%A8le'",
                ModelNames.NAME_RULE);
        verifyNoInteractions(pods);
    }

    @Test
    void aLabelOutsideTheRegistrysRuleIsABadRequestAndAnUnsetOneIsNotFound() {
        error(predict("/v1/models/iris/labels/Gold:predict", "{}"), 400, "Invalid version label 'Gold'",
                ModelNames.LABEL_RULE);
        error(predict("/v1/models/iris/labels/silver:predict", "{}"), 404,
                "Unrecognized servable version label: silver", "");
        verifyNoInteractions(pods);
    }

    @Test
    void unknownModelsAndMalformedPathsAreNotFound() {
        error(predict("/v1/models/ghost:predict", "{}"), 404, "Servable not found for request: Latest(ghost)", "");
        error(predict("/v1/models/iris:explode", "{}"), 404, "Malformed request", "");
        error(predict("/v1/models/iris/versions/0:predict", "{}"), 400, "Invalid version '0'", "");
        verifyNoInteractions(pods);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        predict("/v1/models/iris:predict", "x".repeat(MAX_BODY + 1)).expectStatus().isEqualTo(413);
        verifyNoInteractions(pods);
    }

    @Test
    void aMissingOrUnknownKeyIsUnauthorizedAndAKeyForOtherModelsForbidden() {
        client.post().uri("/v1/models/iris:predict").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        client.post().uri("/v1/models/iris:predict").header(KEY_HEADER, "guessed").bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        client.post().uri("/v1/models/iris:predict").header(KEY_HEADER, "other-key").bodyValue("{}")
                .exchange().expectStatus().isForbidden();
        verifyNoInteractions(pods);
    }

    private WebTestClient.ResponseSpec predict(String path, String body) {
        return client.post().uri(URI.create(path)).header(KEY_HEADER, "all-models").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static void error(WebTestClient.ResponseSpec answer, int status, String start, String contains) {
        answer.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error").value(String.class, message -> assertThat(message).startsWith(start)
                        .contains(contains));
    }

    /** Spring Cloud Gateway's order: each filter hands on to the next; after the last, nothing (the pod call). */
    private static GatewayFilterChain chain(List<GatewayFilter> filters, int index) {
        return exchange -> index == filters.size() ? Mono.empty()
                : filters.get(index).filter(exchange, chain(filters, index + 1));
    }
}
