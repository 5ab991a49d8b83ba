package io.verso.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.gateway.routing.CurrentRouting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server speaking the registry's routing-table feed protocol (bearer machine token; ETag =
 * {@code "<revision>"}; {@code If-None-Match} answers 304; with {@code ?wait=} it holds the request until the table
 * changes or the wait ends), plus a stand-in for the rest of {@code /api/v1/**}: {@code GET /api/v1/tokens/self}
 * describes {@link #VIEWER_TOKEN} (a viewer), {@link #IRIS_CLIENT_TOKEN} (a client key for model {@code iris} with
 * the feedback scope) and {@link #POD_TOKEN} (a pod) and is 401 otherwise; {@code GET /api/v1/models} is 200 for the
 * viewer; every other path echoes what arrived (path and query,
 * {@code X-Verso-Forwarded-Prefix}, {@code Cookie}).
 */
public final class FakeRegistry extends RestartableServer {

    public static final String MACHINE_TOKEN = "machine-token";
    public static final String VIEWER_TOKEN = "viewer-token";
    public static final String IRIS_CLIENT_TOKEN = "iris-client-token";
    public static final String POD_TOKEN = "pod-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger revisions = new AtomicInteger();
    private final AtomicInteger feedRequests = new AtomicInteger();
    private final List<String> adminRequests = new CopyOnWriteArrayList<>();
    private volatile RoutingTable table = new RoutingTable("r0", List.of());

    public static FakeRegistry start() {
        FakeRegistry registry = new FakeRegistry();
        registry.listen();
        return registry;
    }

    /** Publishes a new table under a new revision; waiting long-polls answer at once. */
    public RoutingTable publish(List<ModelRoute> routes) {
        table = new RoutingTable("r" + revisions.incrementAndGet(), routes);
        return table;
    }

    /** Publishes a table and waits until the gateway routes by it. */
    public void publishAndAwait(List<ModelRoute> routes, CurrentRouting routing) {
        RoutingTable published = publish(routes);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> published.revision().equals(routing.get().revision()));
    }

    public int feedRequests() {
        return feedRequests.get();
    }

    /** "METHOD PATH?QUERY AUTHORIZATION" of each admin request. */
    public List<String> adminRequests() {
        return adminRequests;
    }



    @Override
    protected Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String authorization = request.requestHeaders().get("Authorization");
        if (request.path().equals("api/v1/feed/routing-table")) {
            feedRequests.incrementAndGet();
            if (!("Bearer " + MACHINE_TOKEN).equals(authorization)) {
                return response.status(401).send();
            }
            return feed(request, response);
        }
        adminRequests.add(request.method().name() + " " + request.uri() + " " + authorization);
        if (request.path().equals("api/v1/tokens/self")) {
            String self = ("Bearer " + VIEWER_TOKEN).equals(authorization)
                    ? "{\"name\":\"v\",\"role\":\"viewer\",\"models\":null,\"feedback\":false}"
                    : ("Bearer " + IRIS_CLIENT_TOKEN).equals(authorization)
                    ? "{\"name\":\"c\",\"role\":\"client\",\"models\":[\"iris\"],\"feedback\":true}"
                    : ("Bearer " + POD_TOKEN).equals(authorization)
                    ? "{\"name\":\"p\",\"role\":\"pod\",\"models\":null,\"feedback\":false}" : null;
            return response.status(self == null ? 401 : 200).header("Content-Type", "application/json")
                    .sendString(Mono.justOrEmpty(self)).then();
        }
        if (request.path().equals("api/v1/models")) {
            return response.status(("Bearer " + VIEWER_TOKEN).equals(authorization) ? 200 : 401)
                    .header("Content-Type", "application/json").sendString(Mono.just("{\"content\":[]}")).then();
        }
        Map<String, String> echo = new LinkedHashMap<>();
        echo.put("path", request.uri());
        echo.put("prefix", request.requestHeaders().get("X-Verso-Forwarded-Prefix"));
        echo.put("cookie", request.requestHeaders().get("Cookie"));
        return response.status(200).header("Content-Type", "application/json")
                .sendString(Mono.just(JSON.writeValueAsString(echo))).then();
    }

    private Mono<Void> feed(HttpServerRequest request, HttpServerResponse response) {
        String seen = request.requestHeaders().get("If-None-Match");
        String seenRevision = seen == null ? null : seen.replace("\"", "");
        Duration wait = waitOf(request.uri());
        return Flux.interval(Duration.ZERO, Duration.ofMillis(20))
                .map(tick -> table)
                .filter(current -> !current.revision().equals(seenRevision))
                .next()
                .timeout(wait, Mono.empty())
                .flatMap(current -> response.status(200).header("ETag", "\"" + current.revision() + "\"")
                        .header("Content-Type", "application/json")
                        .sendByteArray(Mono.just(JSON.writeValueAsBytes(current))).then().thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> response.status(304)
                        .header("ETag", "\"" + seenRevision + "\"").send().thenReturn(true)))
                .then();
    }

    private static Duration waitOf(String uri) {
        int at = uri.indexOf("wait=");
        if (at < 0) {
            return Duration.ZERO;
        }
        String value = uri.substring(at + 5).replaceAll("&.*", "");
        return value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(value.replace("s", "")));
    }

    /** For tests that only need the bytes of a table, e.g. to pre-seed a cache file. */
    public static byte[] json(RoutingTable table) {
        return JSON.writeValueAsString(table).getBytes(StandardCharsets.UTF_8);
    }
}
