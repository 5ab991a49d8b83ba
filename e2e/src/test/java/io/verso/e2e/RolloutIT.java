package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.e2e.LoadClient.Outcome;
import io.verso.localstack.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A rollout through the whole platform under load: versions registered in the real registry on PostgreSQL are
 * downloaded, verified and loaded by a real inference pod, and clients reach them through the real gateway, which
 * follows the registry's routing table. While a fixed set of clients keeps predicting, version 2 is registered,
 * canaried at 10% and 50%, promoted and rolled back; no request may fail and every answer must come from a version
 * the routing table allowed at that time. gRPC clients of TF Serving's PredictionService run beside the REST
 * clients through the gateway's gRPC port, held to the same rules. The registry runs as two replicas on one S3
 * bucket (S3Mock) behind a balancer, and one replica is killed after the 10% canary: the rest of the rollout goes
 * through the other. Then the registry dies and the data plane keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {

    private static final String MODEL = Platform.HALF_PLUS_TWO;
    private static final String PREDICT = "/v1/models/" + MODEL + ":predict";
    private static final String BODY = "{\"instances\": [[1.0], [5.0]]}";
    private static final String ANSWER = "{\"predictions\":[[2.5],[4.5]]}";
    private static final int CLIENTS = 8;
    private static final int GRPC_CLIENTS = 2;
    /**
     * Answers to collect in each of the five routing states, so every state carries a real share of the load;
     * the {@code soak} profile raises it.
     */
    private static final int PER_PHASE = Integer.getInteger("verso.e2e.requests-per-phase", 4_000);
    private static final int AT_LEAST = 5 * PER_PHASE;

    @TempDir
    static Path work;

    static Platform platform;
    static final Figures figures = new Figures("rollout-under-load");

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = Platform.start(work, "RolloutIT", 1, new Platform.Settings(List.of(), List.of(), List.of(), 2));
        platform.serveVersionOne(MODEL, 1);
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aRolloutUnderLoadAnswersEveryRequestFromAVersionTheRoutingTableAllowed() throws Exception {
        AllowedVersions allowed = new AllowedVersions(Set.of(1L));
        LoadClient load = LoadClient.start(platform.client().base().resolve(PREDICT), BODY, ANSWER, CLIENTS,
                AT_LEAST * 3, Duration.ofMinutes(8L * PER_PHASE / 4_000));
        GrpcLoadClient grpc = GrpcLoadClient.start(platform.gatewayGrpcPort(), MODEL, GRPC_CLIENTS,
                Duration.ofMinutes(8L * PER_PHASE / 4_000 + 5));
        long loadStart = System.nanoTime();
        load.awaitMoreAnswers(PER_PHASE);

        platform.upload(MODEL, "2");
        change(load, allowed, Set.of(1L, 2L), "canary", "{\"version\": 2, \"weight\": 10}",
                route -> canary(route, 2, 10));
        platform.killFirstRegistryReplica();
        change(load, allowed, Set.of(1L, 2L), "weight", "{\"weight\": 50}", route -> canary(route, 2, 50));
        change(load, allowed, Set.of(2L), "promote", "{}", route -> stableOnly(route, 2));
        long rollback = change(load, allowed, Set.of(1L), "rollback", "{}", route -> stableOnly(route, 1));
        await("at least " + AT_LEAST + " answers").atMost(Duration.ofMinutes(5))
                .until(() -> load.answered() >= AT_LEAST || !load.running());
        List<Outcome> outcomes = load.stop();
        List<Outcome> grpcOutcomes = grpc.stop();
        long loadEnd = System.nanoTime();

        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        List<String> unexpected = new ArrayList<>();
        Map<String, Integer> versions = new TreeMap<>();
        long lastV2 = 0;
        for (Outcome outcome : outcomes) {
            if (!outcome.ok()) {
                continue;
            }
            versions.merge(outcome.version(), 1, Integer::sum);
            Set<Long> permitted = allowed.between(outcome.sentNanos(), outcome.receivedNanos());
            if (outcome.version() == null || !permitted.contains(Long.parseLong(outcome.version()))) {
                unexpected.add("version " + outcome.version() + " answered at +"
                        + Duration.ofNanos(outcome.receivedNanos() - loadStart).toMillis() + " ms, allowed " + permitted);
            }
            if ("2".equals(outcome.version())) {
                lastV2 = Math.max(lastV2, outcome.receivedNanos());
            }
        }
        figures.put("clients", CLIENTS)
                .put("registryReplicas", 2)
                .put("registryReplicaKilledAfter", "canary 10%")
                .put("requests", outcomes.size())
                .put("failed", failed.size())
                .put("answersFromAVersionNotAllowed", unexpected.size())
                .put("answersPerVersion", versions)
                .put("loadSeconds", Duration.ofNanos(loadEnd - loadStart).toMillis() / 1000.0)
                .put("rollbackToLastV2AnswerMs", Math.max(0, Duration.ofNanos(lastV2 - rollback).toMillis()));
        figures.write();

        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(AT_LEAST);
        assertThat(failed).as("failed requests").isEmpty();
        assertThat(unexpected).as("answers from a version the routing table did not allow").isEmpty();
        assertThat(versions).containsKeys("1", "2");

        List<Outcome> grpcFailed = grpcOutcomes.stream().filter(o -> !o.ok()).toList();
        List<String> grpcUnexpected = new ArrayList<>();
        Map<String, Integer> grpcVersions = new TreeMap<>();
        for (Outcome outcome : grpcOutcomes) {
            if (outcome.ok()) {
                grpcVersions.merge(outcome.version(), 1, Integer::sum);
                Set<Long> permitted = allowed.between(outcome.sentNanos(), outcome.receivedNanos());
                if (outcome.version() == null || !permitted.contains(Long.parseLong(outcome.version()))) {
                    grpcUnexpected.add("gRPC: version " + outcome.version() + " answered, allowed " + permitted);
                }
            }
        }
        figures.put("grpcClients", GRPC_CLIENTS).put("grpcRequests", grpcOutcomes.size())
                .put("grpcFailed", grpcFailed.size()).put("grpcAnswersFromAVersionNotAllowed", grpcUnexpected.size())
                .put("grpcAnswersPerVersion", grpcVersions);
        figures.write();
        assertThat(grpcFailed).as("failed gRPC calls").isEmpty();
        assertThat(grpcUnexpected).as("gRPC answers from a version the routing table did not allow").isEmpty();
        assertThat(grpcVersions).containsKeys("1", "2");
    }

    @Test
    @Order(2)
    void theDataPlaneKeepsServingWhenTheRegistryDies() throws Exception {
        platform.killRegistry();
        for (int i = 0; i < 20; i++) {
            Http.Answer answer = platform.client().post(PREDICT, BODY);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(ANSWER);
            assertThat(answer.header("X-Verso-Model-Version")).isEqualTo("1");
        }
    }

    /**
     * Calls {@code action}, records the routing change from the call until the gateway routes with it, then lets
     * the load run {@link #PER_PHASE} more answers in the new state; returns when the call was made.
     */
    private static long change(LoadClient load, AllowedVersions allowed, Set<Long> after, String action, String json,
                               Predicate<JsonNode> applied) throws Exception {
        long start = System.nanoTime();
        platform.transition(MODEL, action, json);
        long acknowledged = System.nanoTime();
        platform.awaitGatewayRoute(MODEL, applied, "the gateway routes after " + action + " " + json);
        long routed = System.nanoTime();
        allowed.change(start, routed, after);
        figures.put(action + "AcknowledgedMs", Duration.ofNanos(acknowledged - start).toMillis())
                .put(action + "RoutedByGatewayMs", Duration.ofNanos(routed - start).toMillis());
        load.awaitMoreAnswers(PER_PHASE);
        return start;
    }

    /** {@code version} takes {@code weight}% (so a pod serves it) beside a stable version. */
    private static boolean canary(JsonNode route, long version, int weight) {
        JsonNode canary = route.get("canaryVersion");
        return canary != null && !canary.isNull() && canary.asLong() == version
                && route.get("canaryWeight").asInt() == weight && !Platform.endpoints(route, version).isEmpty();
    }

    private static boolean stableOnly(JsonNode route, long version) {
        JsonNode canary = route.get("canaryVersion");
        return route.get("stableVersion").asLong() == version && (canary == null || canary.isNull())
                && !Platform.endpoints(route, version).isEmpty();
    }
}
