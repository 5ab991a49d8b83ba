package io.verso.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.contracts.RoutingTable;
import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.testsupport.FakePod;
import io.verso.gateway.testsupport.FakeRegistry;
import io.verso.gateway.testsupport.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a real port, fed by a real HTTP server speaking the registry's feed protocol, in front of real HTTP
 * servers standing in for inference pods: routing, canary weights, pins, shadows, pod failures and admin proxying as
 * the pods and the registry really see them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.registry-token=" + FakeRegistry.MACHINE_TOKEN,
        // Routing is the subject here; keys and limits (on by default) have their own tests.
        "verso.gateway.auth.enabled=false", "verso.gateway.rate-limit.enabled=false",
        // Long enough that a change seen within a second can only have come from the held long-poll's answer.
        "verso.gateway.feed.long-poll=10s",
        "verso.gateway.feed.retry-delay=200ms",
        // Health checks are tested on their own; here the breaker alone must notice a killed pod.
        "verso.gateway.backend.health-interval=1h",
        "verso.gateway.shadow.timeout=2s",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=2",
        "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=500ms"})
@AutoConfigureWebTestClient(timeout = "30s")
class RegistryRoutingIT {

    private static final FakeRegistry registry = FakeRegistry.start();
    private static final FakePod a = FakePod.start("A");
    private static final FakePod b = FakePod.start("B");
    private static final FakePod c = FakePod.start("C");
    private static final FakePod k1 = FakePod.start("K1");
    private static final FakePod k2 = FakePod.start("K2");
    private static final FakePod r1 = FakePod.start("R1").behave(FakePod.Behaviour.DROP_AFTER_READ);
    private static final FakePod r2 = FakePod.start("R2");
    private static final FakePod p = FakePod.start("P");
    private static final FakePod shadow = FakePod.start("S");
    private static final Path cacheDir = tempDir();

    @Autowired
    WebTestClient http;
    @Autowired
    CurrentRouting routing;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.registry-uri", registry::url);
        properties.add("verso.gateway.routing-cache", () -> cacheDir.resolve("routing-table.json").toString());
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : List.of(registry, a, b, c, k1, k2, r1, r2, p, shadow)) {
            try {
                server.close();
            } catch (Exception e) {
                // Already stopped by a test.
            }
        }
    }

    @BeforeEach
    void publishTheDefaultTable() {
        // Room for a busy shared build machine; a real hang still fails (the pods' time limiter is 30 s).
        http = http.mutate().responseTimeout(Duration.ofSeconds(15)).build();
        shadow.behave(FakePod.Behaviour.ANSWER).answerValue(1.0);
        publish(20);
    }

    @Test
    void aWeightChangeTakesEffectOnTheNextLongPollAnswer() {
        publish(0);
        assertThat(versionsOf(30, null)).containsOnly("1");

        long before = System.nanoTime();
        RoutingTable allCanary = registry.publish(table(100));
        await().atMost(Duration.ofSeconds(2)).until(() -> allCanary.revision().equals(routing.get().revision()));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));

        int onC = c.received().size();
        assertThat(versionsOf(30, null)).containsOnly("2");
        assertThat(c.received().size()).isEqualTo(onC + 30);
        assertThat(c.received().get(c.received().size() - 1).uri()).isEqualTo("/v1/models/m/versions/2:predict");
    }

    @Test
    void unkeyedRequestsFollowTheWeightThroughTheRealGateway() {
        List<String> versions = versionsOf(1_000, null);
        long canary = versions.stream().filter("2"::equals).count();
        assertThat(canary).isBetween(150L, 250L);
    }

    @Test
    void keyedRequestsAreSticky() {
        for (String key : List.of("alice", "bob", "carol", "dave")) {
            assertThat(new HashSet<>(versionsOf(15, key))).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/models/m/versions/1:predict", "/v1/models/m/labels/canary:predict",
            "/v2/models/m/versions/2/infer"})
    void pinnedRequestsReachThePodUnchanged(String pinned) {
        // All unpinned traffic goes to the canary now; a rewrite of the pin would show as a canary path.
        publish(100);
        long before = arrivedAs(pinned);
        for (int i = 0; i < 10; i++) {
            http.post().uri(pinned).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instances\":[1]}")
                    .exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-Verso-Model-Version", pinned.contains("/1") ? "1" : "2");
        }
        assertThat(arrivedAs(pinned)).isEqualTo(before + 10);
    }

    /**
     * The pods leave calls a client steered out of the canary analysis sample, and keep predictions for feedback
     * under the request id: both headers are the gateway's, whatever the client sends in them.
     */
    @Test
    void theGatewayNamesTheRouteAndMintsTheRequestIdWhateverTheClientSays() {
        publish(50);
        Map<String, String> routes = new TreeMap<>();
        for (String uri : List.of("/v1/models/m:predict", "/v1/models/m/versions/2:predict",
                "/v1/models/m/labels/canary:predict")) {
            for (String routingKey : java.util.Arrays.asList(null, "alice")) {
                Set<String> before = new HashSet<>(allReceived().stream().map(FakePod.Received::requestId).toList());
                http.post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> {
                            h.set("X-Verso-Route", "stable");
                            h.set("X-Request-Id", "someone-elses-id");
                            if (routingKey != null) {
                                h.set(InferenceRoutingFilter.ROUTING_KEY_HEADER, routingKey);
                            }
                        })
                        .bodyValue("{\"instances\":[1]}").exchange().expectStatus().isOk();
                List<FakePod.Received> arrivals = allReceived().stream()
                        .filter(received -> !before.contains(received.requestId())).toList();
                assertThat(arrivals).hasSize(1);
                FakePod.Received arrived = arrivals.get(0);
                routes.put(uri + " key=" + routingKey, arrived.route());
                assertThat(arrived.requestId()).isNotEqualTo("someone-elses-id")
                        .matches("[0-9a-f-]{36}");
            }
        }
        assertThat(routes).containsEntry("/v1/models/m/versions/2:predict key=null", "pinned")
                .containsEntry("/v1/models/m/versions/2:predict key=alice", "pinned")
                .containsEntry("/v1/models/m/labels/canary:predict key=null", "pinned")
                .containsEntry("/v1/models/m:predict key=alice", "sticky");
        assertThat(routes.get("/v1/models/m:predict key=null")).isIn("stable", "canary");
    }

    private static List<FakePod.Received> allReceived() {
        return java.util.stream.Stream.of(a, b, c).flatMap(pod -> pod.received().stream()).toList();
    }

    private static long arrivedAs(String uri) {
        return java.util.stream.Stream.of(a, b, c).flatMap(pod -> pod.received().stream())
                .filter(received -> received.uri().equals(uri)).count();
    }

    @Test
    void unknownModelsAndMalformedPathsGetTheInferenceErrorShape() {
        http.post().uri("/v1/models/nope:predict").bodyValue("{}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("nope"));
        http.post().uri("/v1/models/m:explode").bodyValue("{}").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.error").exists();
        http.post().uri("/v1/models/m/versions/abc:predict").bodyValue("{}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").exists();
    }

    @Test
    void killingOneOfTwoPodsKeepsRequestsSucceedingOpensItsBreakerAndRecovers() {
        k2.kill();
        for (int i = 0; i < 12; i++) {
            http.post().uri("/v1/models/k:predict").bodyValue("{\"instances\":[" + i + "]}").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.pod").isEqualTo("K1");
        }
        // Every request arrived exactly once: a refused connection was retried, nothing else.
        assertThat(k1.received()).hasSize(12);
        assertThat(breakers.circuitBreaker(k2.url()).getState()).isIn(CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN);

        k2.revive();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            http.post().uri("/v1/models/k:predict").bodyValue("{}").exchange().expectStatus().isOk();
            assertThat(k2.received()).isNotEmpty();
            assertThat(breakers.circuitBreaker(k2.url()).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    @Test
    void aPredictThatReachedAPodIsNeverSentAgain() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(http.post().uri("/v1/models/r:predict").bodyValue("{\"instances\":[" + i + "]}").exchange()
                    .expectBody(String.class).returnResult().getStatus().value());
        }
        assertThat(r1.received()).isNotEmpty();
        assertThat(statuses.stream().filter(s -> s == 502).count()).isEqualTo(r1.received().size());
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(r2.received().size());
        // No request body arrived twice anywhere.
        Set<String> bodies = new HashSet<>();
        r1.received().forEach(r -> assertThat(bodies.add(r.body())).isTrue());
        r2.received().forEach(r -> assertThat(bodies.add(r.body())).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ERROR", "HANG"})
    void aFailingOrHangingShadowNeverChangesTheClientsAnswer(String behaviour) {
        shadow.behave(FakePod.Behaviour.valueOf(behaviour));
        int seen = shadow.received().size();
        long start = System.nanoTime();
        EntityExchangeResult<String> result = http.post().uri("/v1/models/s:predict")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instances\":[42]}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Verso-Model-Version", "1")
                .expectBody(String.class).returnResult();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        assertThat(result.getResponseBody()).isEqualTo(
                "{\"predictions\":[1.0],\"pod\":\"P\",\"path\":\"/v1/models/s/versions/1:predict\"}");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(shadow.received()).hasSize(seen + 1);
            assertThat(shadow.received().get(seen).uri()).isEqualTo("/v1/models/s/versions/3:predict");
            assertThat(shadow.received().get(seen).body()).isEqualTo("{\"instances\":[42]}");
            String outcome = behaviour.equals("HANG") ? "TIMEOUT" : "SERVER_ERROR";
            assertThat(meters.find("verso.gateway.requests").tag("role", "shadow").tag("outcome", outcome).timer())
                    .isNotNull();
        });
    }

    @Test
    void aShadowsDisagreementAndLatencyAreRecorded() {
        shadow.answerValue(1.25);
        http.post().uri("/v1/models/s:predict").bodyValue("{\"instances\":[1]}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var disagreement = meters.find("verso.gateway.shadow.disagreement").tag("model", "s").summary();
            assertThat(disagreement).isNotNull();
            assertThat(disagreement.max()).isEqualTo(0.25);
            assertThat(meters.find("verso.gateway.requests").tag("role", "shadow").tag("version", "3")
                    .tag("outcome", "SUCCESS").timer()).isNotNull();
        });
    }

    @Test
    void metricsCarryModelVersionRoleAndBreakerState() {
        publish(100);
        versionsOf(3, null);
        http.post().uri("/v1/models/m/versions/1:predict").bodyValue("{}").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(scrape -> assertThat(scrape)
                        .containsPattern("verso_gateway_requests_seconds_count\\{[^}]*model=\"m\"[^}]*outcome="
                                + "\"SUCCESS\"[^}]*role=\"canary\"[^}]*version=\"2\"")
                        .containsPattern("verso_gateway_requests_seconds_bucket\\{[^}]*role=\"pinned\"")
                        .contains("resilience4j_circuitbreaker_state{"));
    }

    @Test
    void adminRequestsGoToTheRegistryApiWithTheCallersToken() {
        http.get().uri("/admin/models/m/deployment?x=1").header("Authorization", "Bearer operator-token")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/v1/models/m/deployment?x=1");
        assertThat(registry.adminRequests()).contains("GET /api/v1/models/m/deployment?x=1 Bearer operator-token");
    }

    @Test
    void consoleRequestsReachTheRegistryConsoleWithTheirCookieAndTheGatewaysPrefix() {
        http.get().uri("/admin/console/models/m?q=x").header("Cookie", "verso_console=session-id")
                .header("X-Verso-Forwarded-Prefix", "/forged")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/console/models/m?q=x")
                .jsonPath("$.prefix").isEqualTo("/admin")
                .jsonPath("$.cookie").isEqualTo("verso_console=session-id");
    }

    @Test
    void everyNewTableIsCachedOnDisk() throws Exception {
        RoutingTable current = registry.publish(table(30));
        await().atMost(Duration.ofSeconds(2)).until(() -> current.revision().equals(routing.get().revision()));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                Files.readString(cacheDir.resolve("routing-table.json"))).contains("\"" + current.revision() + "\""));
    }

    @Test
    void routingGoesOnWithTheLastTableWhileTheRegistryIsDown() {
        publish(0);
        registry.kill();
        try {
            // Several failed polls (retry-delay 200 ms) later, the gateway still routes with what it had.
            await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(versionsOf(5, null)).containsOnly("1"));
            // What the chart's VersoRoutingFeedStale alert watches: no answer since the kill.
            assertThat(feedStaleness()).isGreaterThanOrEqualTo(0.8);
        } finally {
            registry.revive();
        }
        publish(100);
        assertThat(versionsOf(5, null)).containsOnly("2");
        await().atMost(Duration.ofSeconds(5)).until(() -> feedStaleness() < 0.8);
    }

    private double feedStaleness() {
        return meters.get("verso.gateway.feed.staleness").gauge().value();
    }

    /**
     * A registry back from a database outage longer than the pods' time-to-live lists no pod for a stable version
     * until the pods report again (seen in FaultsIT). Over real HTTP: the gateway keeps the pods it knew for that
     * version, and every predict is still answered by them.
     */
    @Test
    void aTableListingNoPodForTheStableVersionKeepsTheLastKnownPods() {
        publish(0);
        int onA = a.received().size();
        int onB = b.received().size();
        RoutingTable podless = registry.publish(List.of(Routes.model("m").stable(1).canary(2, 0, c.url()).build()));
        await().atMost(Duration.ofSeconds(5)).until(() -> podless.revision().equals(routing.get().revision()));

        assertThat(versionsOf(20, null)).containsOnly("1");
        assertThat(a.received().size() - onA + b.received().size() - onB).isEqualTo(20);
    }

    /** The version each of {@code count} predict requests was answered by (X-Verso-Model-Version). */
    private List<String> versionsOf(int count, String routingKey) {
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WebTestClient.RequestBodySpec request = http.post().uri("/v1/models/m:predict");
            if (routingKey != null) {
                request.header("X-Verso-Routing-Key", routingKey);
            }
            versions.add(request.bodyValue("{\"instances\":[1]}").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseHeaders().getFirst("X-Verso-Model-Version"));
        }
        return versions;
    }

    private void publish(int canaryWeight) {
        RoutingTable published = registry.publish(table(canaryWeight));
        await().atMost(Duration.ofSeconds(5)).until(() -> published.revision().equals(routing.get().revision()));
    }

    /**
     * Feedback names a request id, not a model: the gateway sends it to every pod of the table (here one pod drops
     * the connection and answers nothing) and each item gets the answer of the pod that served its prediction.
     */
    @Test
    void feedbackReachesThePodThatServedThePrediction() {
        a.knows("served-by-a");
        k2.knows("served-by-k2");

        WebTestClient.ResponseSpec batch = http.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"items\":[{\"request_id\":\"served-by-a\",\"label\":1},"
                        + "{\"request_id\":\"served-by-k2\",\"label\":0},{\"request_id\":\"nobody\",\"label\":0}]}")
                .exchange();
        batch.expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].status").isEqualTo("matched")
                .jsonPath("$.items[0].pod").isEqualTo("A")
                .jsonPath("$.items[1].pod").isEqualTo("K2")
                .jsonPath("$.items[2].status").isEqualTo("not_found");

        http.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"request_id\":\"served-by-k2\",\"label\":0}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.pod").isEqualTo("K2");
        // Nobody has it; one pod did not answer, which the message says.
        http.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"request_id\":\"nobody\",\"label\":0}").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.error")
                .value(String.class, m -> assertThat(m).contains("nobody").contains("did not answer"));
    }

    private static List<io.verso.contracts.ModelRoute> table(int canaryWeight) {
        return List.of(
                Routes.model("k").stable(1, k1.url(), k2.url()).build(),
                Routes.model("m").stable(1, a.url(), b.url()).canary(2, canaryWeight, c.url()).build(),
                Routes.model("r").stable(1, r1.url(), r2.url()).build(),
                Routes.model("s").stable(1, p.url()).shadow(3, 100, shadow.url()).build());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("verso-gateway-it");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
