package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.e2e.LoadClient.Call;
import io.verso.e2e.LoadClient.Expectation;
import io.verso.e2e.LoadClient.Outcome;
import io.verso.localstack.Http;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Automated canary analysis through the whole platform under load (issue 12's first acceptance): clients predict
 * through the gateway without pause while the registry rolls a version 2 out step by step, judging it from the pods'
 * monitoring summaries, with no operator call after the rollout's start. A version 2 that fails on negative inputs
 * is rolled back by the analysis, with an audit event naming the error rate and its figures; a healthy version 2 is
 * raised through every step and promoted. Each model has its own stable version 1 and its own audit trail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutomatedCanaryIT {

    private static final String FAULTY = "half_plus_two_faulty_canary";
    private static final String HEALTHY = "half_plus_two_healthy_canary";
    private static final String POSITIVE = "{\"instances\": [[1.0], [5.0]]}";
    private static final String POSITIVE_ANSWER = "{\"predictions\":[[2.5],[4.5]]}";
    /** The slice of inputs the faulty version fails on: every fourth request, 25% of the traffic. */
    private static final String NEGATIVE = "{\"instances\": [[-3.0]]}";
    private static final String NEGATIVE_ANSWER = "{\"predictions\":[[0.5]]}";
    private static final int CLIENTS = 4;
    private static final String ACTOR = "canary-analysis";
    /**
     * The steps are seconds apart and need only a few dozen calls, so the test takes a minute rather than the
     * defaults' half hour. The p99 latency ratio is opened wide: on a shared 2-core machine a freshly loaded
     * version's first calls are slow and latencies move in histogram-bucket steps, so it would judge the machine,
     * not the version; this test is about errors and the step machinery (the latency test has its unit tests).
     */
    private static final String PLAN = "\"steps\": [10, 25, 50, 100], \"minStepIntervalSeconds\": 3, "
            + "\"minStepRequests\": 40, \"thresholds\": {\"maxP99LatencyRatio\": 1000, \"minErrorRateSamples\": 50, "
            + "\"minLatencySamples\": 50, \"minDriftSamples\": 50}";
    private static final Duration ROLLOUT_LIMIT = Duration.ofMinutes(3);
    private static final Pattern ERROR_RATE_REASON = Pattern.compile("canary analysis rolled back version 2 at step "
            + "\\d of 4 \\(\\d+%\\): errorRate failed: error rate canary (\\d\\.\\d{4}) \\((\\d+)/(\\d+)\\) vs stable "
            + "(\\d\\.\\d{4}) \\((\\d+)/(\\d+)\\): increase \\d\\.\\d{4}, max 0\\.0100, z = [\\d.]+, p = .+, "
            + "significance 0\\.0500");

    @TempDir
    static Path work;

    static Platform platform;
    static final Figures figures = new Figures("canary-analysis");

    @BeforeAll
    static void startThePlatform() throws Exception {
        // Pods summarise and the registry evaluates every second (defaults 15 s and 5 s), so steps follow quickly.
        platform = Platform.start(work, "AutomatedCanaryIT", 1, new Platform.Settings(
                List.of("--verso.registry.analysis.interval=1s"),
                List.of("--verso.inference.monitoring.summary.interval=1s")));
        for (String model : List.of(FAULTY, HEALTHY)) {
            platform.serveVersionOne(model, 1);
        }
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aCanaryThatFailsOnASliceOfInputsIsRolledBackWithTheErrorRateInTheAuditEvent() throws Exception {
        // Negative inputs may fail only on the canary, and only as the client error its CheckNumerics raises.
        Expectation negative = (status, version, body) -> status == 400 && "2".equals(version)
                && body.contains(NegativeInputFailingModel.CHECK_MESSAGE)
                ? null : Expectation.ok(NEGATIVE_ANSWER).check(status, version, body);
        LoadClient load = start(FAULTY, negative);
        load.awaitMoreAnswers(200);
        platform.upload(FAULTY, "2", NegativeInputFailingModel::export);

        long start = System.nanoTime();
        startRollout(FAULTY);
        JsonNode rollout = awaitEnd(FAULTY);
        long ended = System.nanoTime();
        List<Outcome> outcomes = load.stop();

        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        long canaryErrors = outcomes.stream().filter(o -> o.ok() && o.status() == 400).count();
        List<JsonNode> trail = trailSinceRolloutStart(FAULTY);
        String reason = trail.get(trail.size() - 1).get("reason").stringValue();
        figures.put("faultyStartToRollbackMs", Duration.ofNanos(ended - start).toMillis())
                .put("faultyRequests", outcomes.size())
                .put("faultyCanaryErrorsSeen", canaryErrors)
                .put("faultyFailed", failed.size())
                .put("faultyAnswersPerVersion", perVersion(outcomes))
                .put("faultyRollbackReason", reason);
        figures.write();

        assertThat(failed).as("answers other than right ones and the canary's 400 on negative inputs").isEmpty();
        assertThat(rollout.get("phase").stringValue()).as(rollout.toString()).isEqualTo("ROLLED_BACK");
        assertThat(actions(trail)).containsExactly("ROLLOUT_STARTED by " + Platform.ADMIN_ACTOR,
                "ROLLBACK by " + ACTOR);
        Matcher figuresInReason = ERROR_RATE_REASON.matcher(reason);
        assertThat(figuresInReason.matches()).as(reason).isTrue();
        long canaryErrorsCounted = Long.parseLong(figuresInReason.group(2));
        assertThat(canaryErrorsCounted).as("canary errors the pod counted, each one seen by a client")
                .isPositive().isLessThanOrEqualTo(canaryErrors);
        assertThat(Long.parseLong(figuresInReason.group(5))).as("stable errors").isZero();
        JsonNode errorRate = metric(rollout.get("lastEvaluation"), "errorRate");
        assertThat(errorRate.get("verdict").stringValue()).isEqualTo("FAIL");
        assertThat(errorRate.get("canary").asDouble()).isGreaterThan(errorRate.get("stable").asDouble());
        platform.awaitGatewayRoute(FAULTY, route -> route.get("stableVersion").asLong() == 1
                && route.get("canaryVersion").isNull(), "the gateway routes " + FAULTY + " to version 1 only");
    }

    /**
     * Issue 20's attack runs beside the clients throughout: anonymous callers pin malformed requests (a wrong input
     * shape) to version 2, send the same through the weighted split, pin skewed inputs to version 2 and post false
     * labels for request ids they made up. None of it may roll the healthy canary back.
     */
    @Test
    @Order(2)
    void aHealthyCanaryIsPromotedThroughEveryStepWhileAttackersSteerAtIt() throws Exception {
        LoadClient load = start(HEALTHY, Expectation.ok(NEGATIVE_ANSWER));
        load.awaitMoreAnswers(200);
        platform.upload(HEALTHY, "2");

        List<LoadClient> attackers = attack(HEALTHY);
        long start = System.nanoTime();
        startRollout(HEALTHY);
        JsonNode rollout = awaitEnd(HEALTHY);
        long ended = System.nanoTime();
        platform.awaitGatewayRoute(HEALTHY, route -> route.get("stableVersion").asLong() == 2
                && route.get("canaryVersion").isNull(), "the gateway routes " + HEALTHY + " to version 2 only");
        List<Outcome> outcomes = load.stop();
        List<Outcome> attacks = new ArrayList<>();
        for (LoadClient attacker : attackers) {
            attacks.addAll(attacker.stop());
        }
        figures.put("attackRequests", attacks.size());
        assertThat(attacks.stream().filter(o -> !o.ok()).toList()).as("attacks answered otherwise than refused")
                .isEmpty();
        assertThat(attacks).as("attacks sent during the rollout").hasSizeGreaterThan(100);

        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        List<JsonNode> trail = trailSinceRolloutStart(HEALTHY);
        figures.put("healthyStartToPromoteMs", Duration.ofNanos(ended - start).toMillis())
                .put("healthyRequests", outcomes.size())
                .put("healthyFailed", failed.size())
                .put("healthyAnswersPerVersion", perVersion(outcomes));
        figures.write();

        assertThat(failed).as("failed requests").isEmpty();
        assertThat(rollout.get("phase").stringValue()).as(rollout.toString()).isEqualTo("PROMOTED");
        assertThat(actions(trail)).containsExactly("ROLLOUT_STARTED by " + Platform.ADMIN_ACTOR,
                "ROLLOUT_STEP by " + ACTOR, "ROLLOUT_STEP by " + ACTOR, "PROMOTE by " + ACTOR);
        assertThat(trail.stream().map(e -> e.get("toWeight").asInt()).toList().subList(0, 3))
                .as("the canary's weight at each step").containsExactly(10, 25, 50);
        assertThat(trail.get(3).get("toStable").asLong()).isEqualTo(2);
        assertThat(perVersion(outcomes)).containsKeys("1", "2");
    }

    /**
     * One thread each, bounded: malformed calls pinned to version 2 (refused with 400, or 404 before it is loaded)
     * and sent through the split (400), skewed inputs pinned to version 2 (answered, or 404 before it is loaded),
     * and labels for made-up request ids (404: no pod kept such a prediction).
     */
    private static List<LoadClient> attack(String model) {
        String wrongShape = "{\"instances\": [[1.0, 2.0, 3.0]]}";
        Expectation refused = (status, version, body) -> status == 400 || status == 404 ? null : status + " " + body;
        Expectation servedOrUnknown = (status, version, body) -> status == 200 || status == 404 ? null
                : status + " " + body;
        URI pinned = platform.client().base().resolve("/v1/models/" + model + "/versions/2:predict");
        URI split = platform.client().base().resolve("/v1/models/" + model + ":predict");
        URI feedback = platform.client().base().resolve("/v1/feedback");
        Duration limit = Duration.ofMinutes(4);
        return List.of(
                LoadClient.start(pinned, List.of(new Call(wrongShape, refused),
                        new Call("{\"instances\": [[900.0], [-900.0]]}", servedOrUnknown)), 1, 3_000, limit),
                LoadClient.start(split, List.of(new Call(wrongShape, refused)), 1, 1_000, limit),
                LoadClient.start(feedback, List.of(new Call("{\"request_id\": \"made-up-1\", \"labels\": [0]}",
                        (status, version, body) -> status == 404 ? null : status + " " + body)), 1, 500, limit));
    }

    /** Predicts on {@code model}: three positive calls and one negative, judged by {@code negative}, in turn. */
    private static LoadClient start(String model, Expectation negative) {
        Call positive = new Call(POSITIVE, Expectation.ok(POSITIVE_ANSWER));
        return LoadClient.start(platform.client().base().resolve("/v1/models/" + model + ":predict"),
                List.of(positive, positive, positive, new Call(NEGATIVE, negative)), CLIENTS, 500_000,
                Duration.ofMinutes(5));
    }

    private static void startRollout(String model) throws Exception {
        Http.Answer answer = platform.admin().post("/api/v1/models/" + model + "/deployment/rollout",
                "{\"version\": 2, " + PLAN + ", \"reason\": \"e2e canary analysis\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /** Waits, with no call but reads, until the analysis has ended the rollout; returns it. */
    private static JsonNode awaitEnd(String model) {
        JsonNode[] last = new JsonNode[1];
        await("the analysis ends the rollout of " + model).atMost(ROLLOUT_LIMIT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Http.Answer answer = platform.admin().get("/api/v1/models/" + model + "/deployment/rollout");
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    last[0] = answer.json();
                    String phase = last[0].get("phase").stringValue();
                    return !phase.equals("RUNNING");
                });
        return last[0];
    }

    /** The audit events from the rollout's start on, oldest first. */
    private static List<JsonNode> trailSinceRolloutStart(String model) throws Exception {
        Http.Answer answer = platform.admin().get("/api/v1/models/" + model + "/deployment/history?size=100");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> oldestFirst = new ArrayList<>();
        answer.json().get("items").forEach(event -> oldestFirst.add(0, event));
        int started = 0;
        while (started < oldestFirst.size()
                && !oldestFirst.get(started).get("action").stringValue().equals("ROLLOUT_STARTED")) {
            started++;
        }
        return oldestFirst.subList(started, oldestFirst.size());
    }

    private static List<String> actions(List<JsonNode> trail) {
        return trail.stream().map(e -> e.get("action").stringValue() + " by " + e.get("actor").stringValue())
                .toList();
    }

    private static JsonNode metric(JsonNode evaluation, String name) {
        for (JsonNode metric : evaluation.get("metrics")) {
            if (metric.get("metric").stringValue().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("no " + name + " in " + evaluation);
    }

    private static Map<String, Integer> perVersion(List<Outcome> outcomes) {
        Map<String, Integer> versions = new TreeMap<>();
        outcomes.forEach(o -> versions.merge(String.valueOf(o.version()), 1, Integer::sum));
        return versions;
    }
}
