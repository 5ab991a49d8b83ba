package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.e2e.LoadClient.Outcome;
import io.verso.localstack.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Faults under load on a platform with two inference pods: the gateway restarted, PostgreSQL stopped and started
 * again, a pod killed, and the gateway restarted while the registry is dead. Clients must keep being served from
 * the caches; errors, where a fault makes some unavoidable, must be few and stop by themselves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final String MODEL = Platform.HALF_PLUS_TWO;
    private static final String PREDICT = "/v1/models/" + MODEL + ":predict";
    private static final String BODY = "{\"instances\": [[1.0], [5.0]]}";
    private static final String ANSWER = "{\"predictions\":[[2.5],[4.5]]}";
    private static final int CLIENTS = 6;
    /**
     * Shorter than the registry's pod time-to-live (30 s, its default). A longer outage lets the pods' reports
     * expire while the registry cannot receive them, and right after PostgreSQL returns the gateway may get a table
     * without pods until their next heartbeat: a known gap, recorded in docs/reliability.md.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @TempDir
    static Path work;

    static Platform platform;
    static final Figures figures = new Figures("faults");

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = Platform.start(work, "FaultsIT", 2);
        platform.serveVersionOne(MODEL, 2);
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        figures.write();
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aRestartedGatewayRoutesAtOnce() throws Exception {
        platform.killGateway();
        long start = System.nanoTime();
        platform.startGateway();
        assertPredictsSucceed(20);
        figures.put("gatewayRestartToServingMs", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    @Order(2)
    void predictsSucceedWhilePostgresIsDownAndNoAcknowledgedAuditEventIsLost() throws Exception {
        Http admin = platform.admin();
        LoadClient load = LoadClient.start(platform.client().base().resolve(PREDICT), BODY, ANSWER, CLIENTS,
                500_000, Duration.ofMinutes(6));
        List<Long> acknowledged = new ArrayList<>();
        acknowledged.add(label("before-a"));
        acknowledged.add(label("before-b"));
        load.awaitMoreAnswers(1_000);

        // Answers before the outage are no part of its figure (they were counted in it until issue 20).
        int answeredBeforeOutage = load.answered();
        long outageStart = System.nanoTime();
        platform.stopPostgres();
        int refused = 0;
        long outageEnd = outageStart + OUTAGE.toNanos();
        while (System.nanoTime() < outageEnd) {
            assertUnavailable(admin.get("/api/v1/models/" + MODEL + "/deployment/history"));
            assertUnavailable(admin.put("/api/v1/models/" + MODEL + "/deployment/labels/during",
                    "{\"version\": 1}"));
            assertUnavailable(admin.post("/api/v1/models", "{\"name\": \"during-outage\"}"));
            refused += 3;
        }
        int answeredDuringOutage = load.answered() - answeredBeforeOutage;
        platform.startPostgres();
        long back = System.nanoTime();
        await("admin calls succeed again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/v1/models/" + MODEL + "/deployment").status() == 200);
        long adminRecovered = System.nanoTime();
        acknowledged.add(label("after-a"));
        acknowledged.add(label("after-b"));
        load.awaitMoreAnswers(2_000);
        List<Outcome> outcomes = load.stop();

        Http.Answer history = admin.get("/api/v1/models/" + MODEL + "/deployment/history?size=100");
        assertThat(history.status()).isEqualTo(200);
        Set<Long> recorded = new HashSet<>();
        history.json().get("items").forEach(event -> recorded.add(event.get("revision").asLong()));
        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        figures.put("postgresOutageSeconds", Duration.ofNanos(back - outageStart).toMillis() / 1000.0)
                .put("postgresOutageRequests", outcomes.size())
                .put("postgresOutageFailed", failed.size())
                .put("postgresOutagePredictsAnsweredWhileDown", answeredDuringOutage)
                .put("postgresOutageAdminCallsAnswered503", refused)
                .put("postgresRestartToAdminOkMs", Duration.ofNanos(adminRecovered - back).toMillis())
                .put("auditEventsAcknowledged", acknowledged.size())
                .put("auditEventsLost", acknowledged.stream().filter(r -> !recorded.contains(r)).count());

        assertThat(failed).as("failed predicts").isEmpty();
        assertThat(recorded).as("audit trail revisions").containsAll(acknowledged);
    }

    @Test
    @Order(3)
    void killingOneOfTwoPodsCostsFewErrorsAndServingRecovers() throws Exception {
        String killed = platform.pod("pod-2").uri().toString();
        LoadClient load = LoadClient.start(platform.client().base().resolve(PREDICT), BODY, ANSWER, CLIENTS,
                500_000, Duration.ofMinutes(6));
        load.awaitMoreAnswers(1_000);
        long kill = System.nanoTime();
        platform.pod("pod-2").kill();
        platform.awaitGatewayRoute(MODEL, route -> !Platform.endpoints(route, 1).contains(killed)
                && !Platform.endpoints(route, 1).isEmpty(), "the gateway drops the killed pod");
        long dropped = System.nanoTime();
        load.awaitMoreAnswers(2_000);
        List<Outcome> outcomes = load.stop();

        List<Outcome> afterKill = outcomes.stream().filter(o -> o.receivedNanos() >= kill).toList();
        List<Outcome> errors = afterKill.stream().filter(o -> !o.ok()).toList();
        long lastError = errors.stream().mapToLong(Outcome::receivedNanos).max().orElse(kill);
        List<Outcome> lastTwoThousand = outcomes.subList(Math.max(0, outcomes.size() - 2_000), outcomes.size());
        figures.put("podKillRequestsAfterKill", afterKill.size())
                .put("podKillErrors", errors.size())
                .put("podKillErrorRatePercent", afterKill.isEmpty() ? 0 : 100.0 * errors.size() / afterKill.size())
                .put("podKillRecoveryMs", Duration.ofNanos(lastError - kill).toMillis())
                .put("podKillToRegistryDropMs", Duration.ofNanos(dropped - kill).toMillis())
                .put("podKillErrorSamples", errors.stream().limit(3).map(Outcome::error).toList());

        assertThat(errors.size()).as("errors after killing a pod: at most the requests in flight on it, a few "
                + "times over").isLessThanOrEqualTo(CLIENTS * 5);
        assertThat(lastTwoThousand).as("the last answers, once the registry dropped the pod").allMatch(Outcome::ok);
    }

    @Test
    @Order(4)
    void aGatewayRestartedWhileTheRegistryIsDeadRoutesFromItsCache() throws Exception {
        platform.killRegistry();
        platform.killGateway();
        long start = System.nanoTime();
        platform.startGateway();
        assertPredictsSucceed(50);
        figures.put("gatewayRestartWithoutRegistryToServingMs", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private static void assertPredictsSucceed(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Http.Answer answer = platform.client().post(PREDICT, BODY);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(ANSWER);
            assertThat(answer.header("X-Verso-Model-Version")).isEqualTo("1");
        }
    }

    /** Points a label at version 1 (an audited event that leaves the traffic alone); returns its revision. */
    private static long label(String name) throws Exception {
        Http.Answer answer = platform.admin().put("/api/v1/models/" + MODEL + "/deployment/labels/" + name,
                "{\"version\": 1}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("revision").asLong();
    }

    private static void assertUnavailable(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isNotBlank();
        JsonNode problem = answer.json();
        assertThat(problem.get("detail").stringValue()).isEqualTo("database unavailable, retry later");
    }
}
