package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.registry.testsupport.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Progressive rollouts on real PostgreSQL, advanced by the registry's own analysis runner. */
class CanaryAnalysisIT extends RolloutHttpTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aHealthyCanaryIsPromotedThroughEveryStep() {
        Versions v = stableAndCandidate();
        Reply started = startRollout(v, "[10,50,100]", 0);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.at("/phase")).isEqualTo("RUNNING");
        assertThat(started.at("/weight")).isEqualTo("10");
        JsonNode deployment = get(token("viewer"), deployment(v.model())).json();
        assertThat(deployment.get("canaryVersion").asLong()).isEqualTo(v.canary());
        assertThat(deployment.get("canaryWeight").asInt()).isEqualTo(10);

        report(v, 200, 1, 1);
        JsonNode second = awaitStep(v.model(), 1);
        assertThat(second.get("weight").asInt()).isEqualTo(50);
        assertThat(get(token("viewer"), deployment(v.model())).json().get("canaryWeight").asInt()).isEqualTo(50);

        report(v, 200, 1, 1);
        JsonNode done = awaitRollout(v.model(), "an end", s -> !s.get("phase").asString().equals("RUNNING"));
        assertThat(done.get("phase").asString()).isEqualTo("PROMOTED");
        assertThat(done.get("weight").asInt()).isEqualTo(100);
        assertThat(done.get("nextEvaluationAt").isNull()).isTrue();
        JsonNode last = done.get("lastEvaluation");
        assertThat(last.get("outcome").asString()).isEqualTo("PASS");
        assertThat(last.get("metrics").get(0).get("metric").asString()).isEqualTo("errorRate");
        assertThat(last.get("metrics").get(0).get("verdict").asString()).isEqualTo("PASS");
        assertThat(last.get("metrics").get(0).get("threshold").asDouble()).isEqualTo(0.01);

        deployment = get(token("viewer"), deployment(v.model())).json();
        assertThat(deployment.get("stableVersion").asLong()).isEqualTo(v.canary());
        assertThat(deployment.get("canaryVersion").isNull()).isTrue();
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10",
                "ROLLOUT_STEP canary-analysis 50", "PROMOTE canary-analysis 0");
        awaitFinished(v.model(), "promoted");
    }

    /** The count the chart's VersoCanaryRolledBack alert watches; it moves once the transaction has committed. */
    private void awaitFinished(String model, String phase) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var counter = meters.find("verso.rollouts.finished").tag("model", model).tag("phase", phase).counter();
            return counter != null && counter.count() == 1.0;
        });
    }

    /** 40 errors in 200 calls against 2 in 200: z = 6.20, p ≈ 3e-10, increase 0.19 > 0.01. */
    @Test
    void anErroringCanaryIsRolledBackNamingTheMetric() {
        Versions v = stableAndCandidate();
        assertThat(startRollout(v, "[10,50,100]", 0).status()).isEqualTo(201);

        report(v, 200, 2, 40);
        JsonNode done = awaitRollout(v.model(), "an end", s -> !s.get("phase").asString().equals("RUNNING"));
        assertThat(done.get("phase").asString()).isEqualTo("ROLLED_BACK");
        assertThat(done.get("step").asInt()).isZero();
        assertThat(done.get("lastEvaluation").get("outcome").asString()).isEqualTo("FAIL");
        assertThat(done.get("lastEvaluation").get("metrics").get(0).get("verdict").asString()).isEqualTo("FAIL");
        assertThat(done.get("lastEvaluation").get("metrics").get(0).get("canary").asDouble()).isEqualTo(0.2);

        JsonNode deployment = get(token("viewer"), deployment(v.model())).json();
        assertThat(deployment.get("stableVersion").asLong()).isEqualTo(v.stable());
        assertThat(deployment.get("canaryVersion").isNull()).isTrue();
        JsonNode event = lastEvent(v.model());
        assertThat(event.get("action").asString()).isEqualTo("ROLLBACK");
        assertThat(event.get("actor").asString()).isEqualTo("canary-analysis");
        assertThat(event.get("fromCanary").asLong()).isEqualTo(v.canary());
        assertThat(event.get("reason").asString()).contains("errorRate failed", "canary 0.2000 (40/200)",
                "stable 0.0100 (2/200)", "max 0.0100", "z = 6.198");
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10",
                "ROLLBACK canary-analysis 0");
        awaitFinished(v.model(), "rolled_back");
    }

    @Test
    void insufficientDataWaitsWithoutActing() {
        Versions v = stableAndCandidate();
        assertThat(startRollout(v, "[10,50,100]", 0).status()).isEqualTo(201);

        report(v, 20, 0, 15);
        JsonNode waiting = awaitRollout(v.model(), "an evaluation of the report", s -> {
            JsonNode last = s.get("lastEvaluation");
            return !last.isNull() && last.get("reason").asString().contains("canary 20, stable 20");
        });
        assertThat(waiting.get("phase").asString()).isEqualTo("RUNNING");
        assertThat(waiting.get("step").asInt()).isZero();
        assertThat(waiting.get("nextEvaluationAt").isNull()).isFalse();
        JsonNode last = waiting.get("lastEvaluation");
        assertThat(last.get("outcome").asString()).isEqualTo("WAIT");
        assertThat(last.get("reason").asString()).startsWith("insufficient data: errorRate (calls: canary 20, "
                + "stable 20, each needs 100)");
        assertThat(last.get("metrics").get(0).get("verdict").asString()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10");

        assertThat(post(token("deployer"), rollout(v.model()) + "/abort", null).status()).isEqualTo(200);
    }

    @Test
    void pauseResumeAndAbortAreAuditedTransitions() {
        Versions v = stableAndCandidate();
        String deployer = token("deployer");
        assertThat(startRollout(v, "[5,25,100]", 3600).status()).isEqualTo(201);

        Reply paused = post(deployer, rollout(v.model()) + "/pause", "{\"reason\":\"looking at a dashboard\"}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.at("/phase")).isEqualTo("PAUSED");
        assertThat(paused.json().get("nextEvaluationAt").isNull()).isTrue();
        assertThat(post(deployer, rollout(v.model()) + "/pause", null).status()).isEqualTo(409);

        Reply resumed = post(deployer, rollout(v.model()) + "/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.at("/phase")).isEqualTo("RUNNING");
        assertThat(post(deployer, rollout(v.model()) + "/resume", null).status()).isEqualTo(409);

        Reply aborted = post(deployer, rollout(v.model()) + "/abort", "{\"reason\":\"wrong version\"}");
        assertThat(aborted.status()).as(aborted.toString()).isEqualTo(200);
        assertThat(aborted.at("/phase")).isEqualTo("ABORTED");
        assertThat(aborted.at("/outcome")).contains("aborted by it-deployer", "wrong version");
        Reply again = post(deployer, rollout(v.model()) + "/abort", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.headers().getContentType().toString()).contains("problem+json");

        JsonNode deployment = get(token("viewer"), deployment(v.model())).json();
        assertThat(deployment.get("stableVersion").asLong()).isEqualTo(v.stable());
        assertThat(deployment.get("canaryVersion").isNull()).isTrue();
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 5",
                "ROLLOUT_PAUSED it-deployer 5", "ROLLOUT_RESUMED it-deployer 5", "ROLLOUT_ABORTED it-deployer 0");
        assertThat(lastEvent(v.model()).get("reason").asString())
                .isEqualTo("rollout of version " + v.canary() + " at step 1 (5%): wrong version");
    }

    @Test
    void badRequestsNameTheFieldAndConflictsAre409() {
        Versions v = stableAndCandidate();
        String path = rollout(v.model());
        Reply steps = post(token("deployer"), path, "{\"version\":" + v.canary() + ",\"steps\":[50,10,100]}");
        assertThat(steps.status()).isEqualTo(400);
        assertThat(steps.at("/field")).isEqualTo("steps");
        assertThat(steps.headers().getContentType().toString()).contains("problem+json");
        Reply significance = post(token("deployer"), path, "{\"version\":" + v.canary()
                + ",\"thresholds\":{\"significance\":2}}");
        assertThat(significance.status()).isEqualTo(400);
        assertThat(significance.at("/field")).isEqualTo("thresholds.significance");
        assertThat(post(token("deployer"), path, "{\"steps\":[10,100]}").at("/field")).isEqualTo("version");
        assertThat(post(token("deployer"), path, "{\"version\":99}").status()).isEqualTo(404);
        assertThat(post(token("viewer"), path, "{\"version\":" + v.canary() + "}").status()).isEqualTo(403);
        assertThat(get(token("viewer"), path).status()).isEqualTo(404);

        assertThat(startRollout(v, "[10,100]", 3600).status()).isEqualTo(201);
        Reply twice = startRollout(v, "[10,100]", 3600);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.at("/detail")).contains("already has a rollout in progress");
        assertThat(post(token("deployer"), path + "/abort", null).status()).isEqualTo(200);

        String empty = newModel();
        long only = uploadHalfPlusTwo(empty);
        Reply noStable = post(token("deployer"), rollout(empty), "{\"version\":" + only + "}");
        assertThat(noStable.status()).isEqualTo(409);
        assertThat(noStable.at("/detail")).contains("no stable version");
    }

    /** A canary promoted or rolled back by hand leaves the rollout nothing to run: it ends without acting. */
    @Test
    void aManualPromotionSupersedesTheRollout() {
        Versions v = stableAndCandidate();
        assertThat(startRollout(v, "[10,100]", 3600).status()).isEqualTo(201);
        assertThat(post(token("deployer"), deployment(v.model()) + "/promote", null).status()).isEqualTo(200);

        JsonNode done = awaitRollout(v.model(), "an end", s -> !s.get("phase").asString().equals("RUNNING"));
        assertThat(done.get("phase").asString()).isEqualTo("SUPERSEDED");
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10",
                "PROMOTE it-deployer 0");
    }

    /**
     * A rollout whose promotion is refused (its version was withdrawn behind the registry's back) keeps being
     * retried, one interval apart, without starving the other rollouts: the healthy one behind it is promoted.
     */
    @Test
    void aRolloutThatCannotMoveDoesNotBlockTheOthers() {
        Versions stuck = stableAndCandidate();
        Versions healthy = stableAndCandidate();
        assertThat(startRollout(stuck, "[10,100]", 0).status()).isEqualTo(201);
        jdbc.update("update model_version set status = 'FAILED' where version = ? and model_id = "
                + "(select id from model where name = ?)", stuck.canary(), stuck.model());
        report(stuck, 200, 1, 1);
        assertThat(startRollout(healthy, "[10,100]", 0).status()).isEqualTo(201);
        report(healthy, 200, 1, 1);

        JsonNode done = awaitRollout(healthy.model(), "an end", s -> !s.get("phase").asString().equals("RUNNING"));
        assertThat(done.get("phase").asString()).isEqualTo("PROMOTED");
        JsonNode blocked = rolloutState(stuck.model());
        assertThat(blocked.get("phase").asString()).isEqualTo("RUNNING");
        assertThat(blocked.get("step").asInt()).isZero();
        assertThat(trail(stuck.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10");
        assertThat(post(token("deployer"), rollout(stuck.model()) + "/abort", null).status()).isEqualTo(200);
    }
}
