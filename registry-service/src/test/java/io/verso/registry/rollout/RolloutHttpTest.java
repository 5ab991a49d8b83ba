package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Rollout tests over HTTP: a model with a stable and a candidate version, pods' summaries posted with a machine
 * token, and waits on the rollout's state (the analysis runs every {@link RegistryHttpTest#ANALYSIS_INTERVAL}).
 */
abstract class RolloutHttpTest extends RegistryHttpTest {

    /** Generous: the CI machine has two busy cores. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Per-metric minimum samples low enough for small test reports. */
    static final String TEST_THRESHOLDS = "{\"minErrorRateSamples\":100,\"minLatencySamples\":100,"
            + "\"minDriftSamples\":100,\"minAccuracySamples\":50}";

    record Versions(String model, long stable, long canary) {
    }

    /** A model with version 1 stable and version 2 registered. */
    Versions stableAndCandidate() {
        String model = newModel();
        long stable = uploadHalfPlusTwo(model);
        long canary = uploadHalfPlusTwo(model);
        Reply promoted = post(token("deployer"), deployment(model) + "/promote", "{\"version\":" + stable + "}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        return new Versions(model, stable, canary);
    }

    static String deployment(String model) {
        return "/api/v1/models/" + model + "/deployment";
    }

    static String rollout(String model) {
        return deployment(model) + "/rollout";
    }

    Reply startRollout(Versions v, String steps, long minStepIntervalSeconds) {
        return post(token("deployer"), rollout(v.model()), "{\"version\":" + v.canary() + ",\"steps\":" + steps
                + ",\"minStepIntervalSeconds\":" + minStepIntervalSeconds + ",\"minStepRequests\":100,"
                + "\"thresholds\":" + TEST_THRESHOLDS + ",\"reason\":\"test\"}");
    }

    JsonNode rolloutState(String model) {
        Reply reply = get(token("viewer"), rollout(model));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    JsonNode awaitRollout(String model, String what, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode state = rolloutState(model);
        while (!condition.test(state)) {
            assertThat(Instant.now()).as("rollout of %s never reached: %s; last state %s", model, what, state)
                    .isBefore(deadline);
            pause();
            state = rolloutState(model);
        }
        return state;
    }

    JsonNode awaitStep(String model, int step) {
        return awaitRollout(model, "step " + step, s -> s.get("step").asInt() >= step
                || !s.get("phase").asString().equals("RUNNING"));
    }

    /**
     * One pod serving both versions reports: {@code requests} calls each, the given errors, latencies of 2–5 ms,
     * drift 0.05. A fresh pod id each time, so earlier reports (still live) add to it like other pods would.
     */
    void report(Versions v, long requests, long stableErrors, long canaryErrors) {
        Reply reply = post(token("machine"), "/api/v1/feed/monitoring", "{\"podId\":\"pod-" + UUID.randomUUID()
                + "\",\"summaries\":[" + summary(v.model(), v.stable(), requests, stableErrors) + ","
                + summary(v.model(), v.canary(), requests, canaryErrors) + "]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private static String summary(String model, long version, long requests, long errors) {
        return "{\"model\":\"" + model + "\",\"version\":" + version + ",\"windowSeconds\":60,\"requests\":" + requests
                + ",\"errors\":" + errors + ",\"latency\":{\"counts\":[0,0," + requests
                + ",0,0,0,0,0,0,0,0,0,0,0]},\"maxPsi\":0.05,\"driftBreaches\":[]}";
    }

    /** The deployment's audit trail, oldest first, as "ACTION actor weight" lines. */
    List<String> trail(String model) {
        Reply reply = get(token("viewer"), deployment(model) + "/history?size=100");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        for (JsonNode event : reply.json().get("items")) {
            lines.add(0, event.get("action").asString() + " " + event.get("actor").asString() + " "
                    + event.get("toWeight").asInt());
        }
        return lines;
    }

    JsonNode lastEvent(String model) {
        return get(token("viewer"), deployment(model) + "/history?size=1").json().get("items").get(0);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
