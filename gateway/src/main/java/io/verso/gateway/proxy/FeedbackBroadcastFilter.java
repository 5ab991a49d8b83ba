package io.verso.gateway.proxy;

import io.verso.gateway.errors.JsonErrors;
import io.verso.gateway.routing.RoutingSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/feedback}: feedback names a request id, not a model, and only the pod that served a prediction
 * keeps it. The gateway keeps no map from request ids to pods (there may be several gateways, and clients choose
 * ids); it sends the body to every pod of the routing table and merges their answers ({@link FeedbackAnswers}).
 * Feedback is rare next to predictions, so the fan-out is cheap; each pod matches only its own predictions.
 */
public final class FeedbackBroadcastFilter implements GatewayFilter, Ordered {

    public static final int ORDER = InferenceRoutingFilter.ORDER;
    static final String PATH = "/v1/feedback";
    private static final Logger log = LoggerFactory.getLogger(FeedbackBroadcastFilter.class);

    private final Supplier<RoutingSnapshot> routing;
    private final WebClient client;
    private final Duration timeout;

    public FeedbackBroadcastFilter(Supplier<RoutingSnapshot> routing, WebClient client, Duration timeout) {
        this.routing = routing;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Set<String> pods = routing.get().allEndpoints();
        if (pods.isEmpty()) {
            return JsonErrors.write(exchange, 503, "no inference pod is known to take feedback");
        }
        byte[] body = CachedBodyFilter.bodyOf(exchange);
        return Flux.fromIterable(pods).flatMap(pod -> send(pod, body)).collectList()
                .flatMap(answers -> {
                    List<FeedbackAnswers.PodAnswer> answered = answers.stream()
                            .filter(answer -> answer.status() > 0).toList();
                    FeedbackAnswers.Merged merged =
                            FeedbackAnswers.merge(answered, answers.size() - answered.size());
                    return write(exchange.getResponse(), merged);
                });
    }

    /** A pod's answer; status 0 when it gave none (unreachable, timed out, not JSON). */
    private Mono<FeedbackAnswers.PodAnswer> send(String pod, byte[] body) {
        String base = pod.endsWith("/") ? pod.substring(0, pod.length() - 1) : pod;
        return client.post().uri(base + PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(bytes -> new FeedbackAnswers.PodAnswer(response.statusCode().value(),
                                FeedbackAnswers.JSON.readTree(bytes))))
                .timeout(timeout)
                .onErrorResume(e -> {
                    log.debug("Feedback to pod {} got no answer: {}", pod, e.toString());
                    return Mono.just(new FeedbackAnswers.PodAnswer(0, null));
                });
    }

    private static Mono<Void> write(ServerHttpResponse response, FeedbackAnswers.Merged merged) {
        byte[] bytes = FeedbackAnswers.JSON.writeValueAsBytes(merged.body());
        response.setStatusCode(HttpStatusCode.valueOf(merged.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
