package io.verso.registry.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.registry.RegistryApplication;
import io.verso.registry.testsupport.PostgresInitializer;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feeds over HTTP: long-polls are answered because something changed (well before their wait ends, with the
 * new ETag), the desired state keeps the previous stable version, and a canary gets traffic only once a pod serves it.
 */
class FeedLongPollIT extends RegistryHttpTest {

    private static final int WAIT_SECONDS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    FeedWatchers watchers;

    @Test
    void aTransitionWakesADesiredStateLongPoll() throws Exception {
        String model = modelWithStable();
        long v2 = uploadHalfPlusTwo(model);
        String etag = get(token("machine"), "/api/v1/feed/desired-state").etag();

        long started = System.nanoTime();
        CompletableFuture<Reply> poll = longPoll("/api/v1/feed/desired-state", etag);
        awaitWaiting();
        post(token("deployer"), "/api/v1/models/" + model + "/deployment/canary", "{\"version\":" + v2 + ",\"weight\":10}");
        Reply answer = poll.get(WAIT_SECONDS, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(WAIT_SECONDS / 2));
        assertThat(answer.etag()).isNotEqualTo(etag).isEqualTo("\"" + answer.at("/revision") + "\"");
        JsonNode desired = modelIn(answer.json(), model);
        assertThat(desired.at("/labels/canary").asLong()).isEqualTo(v2);
        JsonNode canary = desired.get("versions").get(1);
        assertThat(canary.get("roles").get(0).asString()).isEqualTo("CANARY");
        assertThat(canary.get("artifactUrl").asString()).isEqualTo("http://127.0.0.1:" + port + "/api/v1/models/"
                + model + "/versions/" + v2 + "/artifact");
        assertThat(canary.get("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(canary.get("format").asString()).isEqualTo("TAR_GZ");
    }

    /**
     * A second registry on the same database: a transition committed by this one wakes a long-poll parked on the
     * other (through PostgreSQL NOTIFY). Then every listening session is killed in PostgreSQL: the listeners connect
     * again and the next transition still wakes the other replica's long-poll.
     */
    @Test
    void aTransitionOnOneReplicaWakesTheLongPollsOfAnotherEvenAfterItsListenerWasKilled() throws Exception {
        String model = modelWithStable();
        long v2 = uploadHalfPlusTwo(model);
        try (ConfigurableApplicationContext other = startAnotherRegistry()) {
            assertWokenOnTheReplica(other, model, "{\"version\":" + v2 + ",\"weight\":10}");

            // Selected first: PostgreSQL may evaluate a WHERE clause's conditions in any order.
            Set<Integer> killed = Set.copyOf(listeningSessions());
            assertThat(killed).as("both replicas' listening sessions").hasSizeGreaterThanOrEqualTo(2);
            killed.forEach(pid -> jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, pid));
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() ->
                    listeningSessions().stream().filter(pid -> !killed.contains(pid)).count() >= 2);

            assertWokenOnTheReplica(other, model, "{\"version\":" + v2 + ",\"weight\":20}");
        }
    }

    /**
     * A registry shutting down answers its parked long-polls "not modified" at once, instead of letting the web
     * server's graceful shutdown wait for each to reach the end of its wait (seen as a 30 s stop of the local stack).
     */
    @Test
    void aRegistryShuttingDownAnswersItsLongPollsAtOnce() throws Exception {
        ConfigurableApplicationContext other = startAnotherRegistry();
        String etag = get(token("machine"), "/api/v1/feed/desired-state").etag();
        CompletableFuture<Reply> poll = parkLongPoll(other, "/api/v1/feed/desired-state", etag);
        long started = System.nanoTime();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(other::close);
        Reply answer = poll.get(WAIT_SECONDS, TimeUnit.SECONDS);
        closed.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.etag()).isEqualTo(etag);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(WAIT_SECONDS / 2));
    }

    private List<Integer> listeningSessions() {
        return jdbc.queryForList("select pid from pg_stat_activity where application_name = ?", Integer.class,
                FeedNotifications.APPLICATION_NAME);
    }

    /** A second registry on this test's database, as another replica would be. */
    private static ConfigurableApplicationContext startAnotherRegistry() {
        return new SpringApplicationBuilder(RegistryApplication.class)
                .initializers(new PostgresInitializer())
                .run("--server.port=0", "--verso.registry.artifact-root=" + ARTIFACTS);
    }

    /** A long-poll on {@code registry}, returned once it is parked there (so that what follows must wake it). */
    private CompletableFuture<Reply> parkLongPoll(ConfigurableApplicationContext registry, String path, String etag) {
        RestClient client = RestClient.create("http://127.0.0.1:"
                + registry.getEnvironment().getRequiredProperty("local.server.port"));
        FeedWatchers watchers = registry.getBean(FeedWatchers.class);
        String machine = token("machine");
        CompletableFuture<Reply> poll = CompletableFuture.supplyAsync(() -> call(client, machine, HttpMethod.GET,
                path + "?wait=" + WAIT_SECONDS + "s", null, h -> h.setIfNoneMatch(etag)));
        await().atMost(Duration.ofSeconds(5)).until(() -> watchers.waiting() > 0);
        return poll;
    }

    private void assertWokenOnTheReplica(ConfigurableApplicationContext replica, String model, String canary)
            throws Exception {
        String etag = get(token("machine"), "/api/v1/feed/routing-table").etag();
        CompletableFuture<Reply> poll = parkLongPoll(replica, "/api/v1/feed/routing-table", etag);
        long started = System.nanoTime();

        Reply transition = post(token("deployer"), "/api/v1/models/" + model + "/deployment/canary", canary);
        Reply answer = poll.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(transition.status()).as(transition.toString()).isEqualTo(200);
        assertThat(answer.status()).as("woken, not timed out: " + answer).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(WAIT_SECONDS / 2));
        assertThat(modelIn(answer.json(), model).get("requestedCanaryWeight").asInt())
                .isEqualTo(JSON.readTree(canary).get("weight").asInt());
    }

    @Test
    void aLongPollWithoutChangeEndsWith304AndTheSameEtag() {
        Reply current = get(token("machine"), "/api/v1/feed/routing-table");
        long started = System.nanoTime();

        Reply answer = call(token("machine"), HttpMethod.GET, "/api/v1/feed/routing-table?wait=1s", null,
                h -> h.setIfNoneMatch(current.etag()));

        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.etag()).isEqualTo(current.etag());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(call(token("machine"), HttpMethod.GET, "/api/v1/feed/routing-table", null,
                h -> h.setIfNoneMatch(current.etag())).status()).isEqualTo(304);
    }

    @Test
    void desiredStateKeepsThePreviousStableVersionWarm() {
        String model = modelWithStable();
        long v2 = uploadHalfPlusTwo(model);
        post(token("deployer"), "/api/v1/models/" + model + "/deployment/promote", "{\"version\":" + v2 + "}");

        JsonNode desired = modelIn(get(token("machine"), "/api/v1/feed/desired-state").json(), model);

        assertThat(desired.get("versions").valueStream().map(v -> v.get("version").asLong() + ":"
                + v.get("roles").get(0).asString())).containsExactly("1:PREVIOUS_STABLE", v2 + ":STABLE");
        assertThat(desired.at("/labels/stable").asLong()).isEqualTo(v2);
    }

    @Test
    void aCanaryGetsTrafficOnlyOnceAPodReportsItAvailable() throws Exception {
        String model = modelWithStable();
        long v2 = uploadHalfPlusTwo(model);
        post(token("deployer"), "/api/v1/models/" + model + "/deployment/canary", "{\"version\":" + v2 + ",\"weight\":30}");
        Reply before = get(token("machine"), "/api/v1/feed/routing-table");
        JsonNode unserved = modelIn(before.json(), model);
        assertThat(unserved.get("canaryWeight").asInt()).isZero();
        assertThat(unserved.get("requestedCanaryWeight").asInt()).isEqualTo(30);

        CompletableFuture<Reply> poll = longPoll("/api/v1/feed/routing-table", before.etag());
        awaitWaiting();
        long started = System.nanoTime();
        Reply receipt = post(token("machine"), "/api/v1/feed/pod-status", podStatus("pod-a", model, v2, "AVAILABLE"));
        Reply answer = poll.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(200);
        assertThat(receipt.at("/ttlSeconds")).isEqualTo("2");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(WAIT_SECONDS / 2));
        assertThat(answer.etag()).isNotEqualTo(before.etag());
        JsonNode served = modelIn(answer.json(), model);
        assertThat(served.get("canaryWeight").asInt()).isEqualTo(30);
        assertThat(served.get("stableVersion").asLong()).isEqualTo(1);
        assertThat(served.get("canaryVersion").asLong()).isEqualTo(v2);
        assertThat(served.at("/endpoints/1/endpoints/0").asString()).isEqualTo("http://pod-a:8501");
    }

    /** Pods expire after verso.registry.feed.pod-ttl (2 s here); the sweep wakes the routing table's long-polls. */
    @Test
    void aSilentPodExpiresAndLeavesTheRoutingTable() throws Exception {
        String model = modelWithStable();
        post(token("machine"), "/api/v1/feed/pod-status", podStatus("pod-silent", model, 1, "AVAILABLE"));
        Reply served = get(token("machine"), "/api/v1/feed/routing-table");
        assertThat(modelIn(served.json(), model).at("/endpoints/0/endpoints").valueStream().map(JsonNode::asString))
                .contains("http://pod-silent:8501");

        Reply answer = await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(
                () -> longPoll("/api/v1/feed/routing-table", served.etag()).get(WAIT_SECONDS, TimeUnit.SECONDS),
                reply -> reply.status() == 200 && modelIn(reply.json(), model).get("endpoints").isEmpty());

        assertThat(answer.etag()).isNotEqualTo(served.etag());
        assertThat(jdbc.queryForObject("select count(*) from pod_status where pod_id = 'pod-silent'", Long.class))
                .isZero();
    }

    /**
     * A pod serving gRPC advertises its port: it is stored with the report and served beside the pod's endpoint,
     * while a pod that sends no port (one older than the field) is still accepted and routed, with no port listed.
     * A pod that comes back on another gRPC port changes the table.
     */
    @Test
    void anAdvertisedGrpcPortIsStoredAndServedBesideTheEndpoint() {
        String model = modelWithStable();
        Reply advertising = post(token("machine"), "/api/v1/feed/pod-status",
                podStatus("pod-grpc", 9123, model, 1, "AVAILABLE"));
        Reply older = post(token("machine"), "/api/v1/feed/pod-status", podStatus("pod-rest", model, 1, "AVAILABLE"));
        Reply table = get(token("machine"), "/api/v1/feed/routing-table");

        assertThat(advertising.status()).as(advertising.toString()).isEqualTo(200);
        assertThat(older.status()).as(older.toString()).isEqualTo(200);
        assertThat(jdbc.queryForList("select pod_id || ':' || coalesce(grpc_port::text, 'none') from pod_status "
                + "where pod_id in ('pod-grpc', 'pod-rest') order by pod_id", String.class))
                .containsExactly("pod-grpc:9123", "pod-rest:none");
        JsonNode v1 = modelIn(table.json(), model).at("/endpoints/0");
        assertThat(v1.get("endpoints").valueStream().map(JsonNode::asString))
                .containsExactly("http://pod-grpc:8501", "http://pod-rest:8501");
        assertThat(v1.get("grpcPorts").size()).as("only the advertising pod has a port").isEqualTo(1);
        assertThat(v1.at("/grpcPorts/http:~1~1pod-grpc:8501").asInt()).isEqualTo(9123);

        post(token("machine"), "/api/v1/feed/pod-status",
                podStatus("pod-grpc", 9124, model, 1, "AVAILABLE"));
        Reply moved = get(token("machine"), "/api/v1/feed/routing-table");

        assertThat(moved.etag()).isNotEqualTo(table.etag());
        assertThat(modelIn(moved.json(), model).at("/endpoints/0/grpcPorts/http:~1~1pod-grpc:8501").asInt())
                .isEqualTo(9124);
    }

    @Test
    void refusesMalformedPodReportsNamingTheField() {
        Reply badState = post(token("machine"), "/api/v1/feed/pod-status", podStatus("pod-b", "m", 1, "DANCING"));
        Reply badEndpoint = post(token("machine"), "/api/v1/feed/pod-status",
                "{\"podId\":\"pod-b\",\"endpoint\":\"ftp://x\",\"versions\":[]}");
        Reply badGrpcPort = post(token("machine"), "/api/v1/feed/pod-status",
                "{\"podId\":\"pod-b\",\"endpoint\":\"http://pod-b:8501\",\"grpcPort\":70000,\"versions\":[]}");
        Reply badWait = get(token("machine"), "/api/v1/feed/desired-state?wait=soon");

        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.at("/field")).isEqualTo("versions[1].state");
        assertThat(badEndpoint.status()).isEqualTo(400);
        assertThat(badEndpoint.at("/field")).isEqualTo("endpoint");
        assertThat(badEndpoint.at("/detail")).isEqualTo(
                "endpoint must be an http or https URL with a host, but was 'ftp://x'");
        assertThat(badGrpcPort.status()).isEqualTo(400);
        assertThat(badGrpcPort.at("/field")).isEqualTo("grpcPort");
        assertThat(badGrpcPort.at("/detail")).isEqualTo("grpcPort must be a port from 1 to 65535, or absent when "
                + "the pod serves no gRPC, but was 70000");
        assertThat(badWait.at("/detail")).isEqualTo("wait must be a duration such as 30s or 500ms, but was 'soon'");
    }

    private CompletableFuture<Reply> longPoll(String path, String etag) {
        String machine = token("machine");
        return CompletableFuture.supplyAsync(() -> call(machine, HttpMethod.GET, path + "?wait=" + WAIT_SECONDS + "s",
                null, h -> h.setIfNoneMatch(etag)));
    }

    /** The change must come after the poll is parked, or the test would prove nothing about waking it. */
    private void awaitWaiting() {
        await().atMost(Duration.ofSeconds(5)).until(() -> watchers.waiting() > 0);
    }

    private String modelWithStable() {
        String model = newModel();
        long v1 = uploadHalfPlusTwo(model);
        post(token("deployer"), "/api/v1/models/" + model + "/deployment/promote", "{\"version\":" + v1 + "}");
        return model;
    }

    /** A report without a gRPC port, as pods older than the field send it. */
    private static String podStatus(String pod, String model, long version, String state) {
        return podStatus(pod, null, model, version, state);
    }

    private static String podStatus(String pod, Integer grpcPort, String model, long version, String state) {
        return "{\"podId\":\"" + pod + "\",\"endpoint\":\"http://" + pod + ":8501\","
                + (grpcPort == null ? "" : "\"grpcPort\":" + grpcPort + ",") + "\"versions\":["
                + "{\"model\":\"" + model + "\",\"version\":1,\"state\":\"AVAILABLE\"},"
                + "{\"model\":\"" + model + "\",\"version\":" + version + ",\"state\":\"" + state + "\"}]}";
    }

    private static JsonNode modelIn(JsonNode feed, String model) {
        return feed.get("models").valueStream().filter(m -> m.get("model").asString().equals(model)).findFirst()
                .orElseThrow(() -> new AssertionError(model + " not in " + feed));
    }
}
