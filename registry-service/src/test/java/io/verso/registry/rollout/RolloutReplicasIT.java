package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.registry.RegistryApplication;
import io.verso.registry.testsupport.PostgresInitializer;
import io.verso.registry.testsupport.Reply;
import io.verso.registry.webhook.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Several evaluators on one database, and a registry restart: the rollout row's lock lets exactly one act on each
 * step, and the state in PostgreSQL lets another registry carry on at the step where the first one stopped.
 */
class RolloutReplicasIT extends RolloutHttpTest {

    @Autowired
    private RolloutEvaluator evaluator;

    @Autowired
    private RolloutRunner runner;

    /**
     * Four threads evaluate in a tight loop (each call its own transaction and connection) beside this registry's
     * runner, while pods keep reporting: every step must still be taken exactly once.
     */
    @Test
    void concurrentEvaluatorsTakeEachStepExactlyOnce() throws Exception {
        Versions v = stableAndCandidate();
        assertThat(startRollout(v, "[10,20,30,40,50,100]", 0).status()).isEqualTo(201);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Integer>> evaluations = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                evaluations.add(threads.submit(() -> {
                    int count = 0;
                    while (!done.get()) {
                        if (evaluator.evaluateNextDue()) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            JsonNode end = awaitRollout(v.model(), "an end", s -> {
                report(v, 200, 1, 1);
                return !s.get("phase").asString().equals("RUNNING");
            });
            assertThat(end.get("phase").asString()).isEqualTo("PROMOTED");
        } finally {
            done.set(true);
            threads.shutdown();
        }
        int total = 0;
        for (Future<Integer> evaluation : evaluations) {
            total += evaluation.get();
        }
        assertThat(total).as("evaluations by the test's threads").isPositive();
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10",
                "ROLLOUT_STEP canary-analysis 20", "ROLLOUT_STEP canary-analysis 30",
                "ROLLOUT_STEP canary-analysis 40", "ROLLOUT_STEP canary-analysis 50", "PROMOTE canary-analysis 0");
    }

    /**
     * This registry's runner stops mid-rollout (the registry going down); a second registry on the same database
     * takes the next step from where the rollout was, then both run together to the promotion.
     */
    @Test
    void anotherRegistryResumesTheRolloutAtItsStep() {
        Versions v = stableAndCandidate();
        assertThat(startRollout(v, "[10,30,60,100]", 0).status()).isEqualTo(201);
        report(v, 200, 1, 1);
        assertThat(awaitStep(v.model(), 1).get("weight").asInt()).isEqualTo(30);

        runner.stop();
        ConfigurableApplicationContext second = null;
        try {
            second = new SpringApplicationBuilder(RegistryApplication.class)
                    .initializers(new PostgresInitializer())
                    .run("--server.port=0", "--verso.registry.artifact-root=" + ARTIFACTS,
                            "--verso.registry.analysis.interval=" + ANALYSIS_INTERVAL);
            report(v, 200, 1, 1);
            JsonNode third = awaitStep(v.model(), 2);
            assertThat(third.get("weight").asInt()).isEqualTo(60);
            assertThat(third.get("phase").asString()).isEqualTo("RUNNING");

            runner.start();
            JsonNode end = awaitRollout(v.model(), "an end", s -> {
                report(v, 200, 1, 1);
                return !s.get("phase").asString().equals("RUNNING");
            });
            assertThat(end.get("phase").asString()).isEqualTo("PROMOTED");
        } finally {
            if (!runner.isRunning()) {
                runner.start();
            }
            if (second != null) {
                second.close();
            }
        }
        assertThat(trail(v.model())).containsExactly("PROMOTE it-deployer 0", "ROLLOUT_STARTED it-deployer 10",
                "ROLLOUT_STEP canary-analysis 30", "ROLLOUT_STEP canary-analysis 60", "PROMOTE canary-analysis 0");
    }

    /**
     * This registry's canary analysis dies mid-rollout while a second registry runs beside it; the second takes the
     * remaining steps, and the webhook receiver gets every step's event exactly once, whichever replica's dispatcher
     * claimed it (both run throughout, on the shared outbox).
     */
    @Test
    void theSurvivingReplicaFinishesTheRolloutAndEachWebhookArrivesOnce() throws InterruptedException {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            Reply hook = post(ADMIN_TOKEN, "/api/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"secret\":\"a-receiver-secret-of-some-length\",\"eventTypes\":[\"deployment.*\"]}");
            assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
            Versions v = stableAndCandidate();
            ConfigurableApplicationContext second = null;
            try {
                // Same artifact root: the same generated webhook key, as replicas must share it.
                second = new SpringApplicationBuilder(RegistryApplication.class)
                        .initializers(new PostgresInitializer())
                        .run("--server.port=0", "--verso.registry.artifact-root=" + ARTIFACTS,
                                "--verso.registry.analysis.interval=" + ANALYSIS_INTERVAL,
                                "--verso.registry.webhooks.poll-interval=100ms");
                assertThat(startRollout(v, "[10,30,60,100]", 0).status()).isEqualTo(201);
                report(v, 200, 1, 1);
                awaitStep(v.model(), 1);
                runner.stop();

                JsonNode end = awaitRollout(v.model(), "an end", s -> {
                    report(v, 200, 1, 1);
                    return !s.get("phase").asString().equals("RUNNING");
                });
                assertThat(end.get("phase").asString()).isEqualTo("PROMOTED");
                await().atMost(Duration.ofSeconds(30)).until(() -> events(receiver, v.model()).size() >= 5);
                // Ten dispatcher polls on each replica: time for a duplicate to show, if claims let one through.
                Thread.sleep(1000);
            } finally {
                if (!runner.isRunning()) {
                    runner.start();
                }
                if (second != null) {
                    second.close();
                }
                assertThat(call(ADMIN_TOKEN, HttpMethod.DELETE, "/api/v1/webhooks/" + hook.json().get("id").asLong(),
                        null, h -> { }).status()).isEqualTo(204);
            }
            List<WebhookReceiver.Received> events = events(receiver, v.model());
            assertThat(events).extracting(WebhookReceiver.Received::delivery).doesNotHaveDuplicates();
            // Two dispatchers may post neighbouring events in either order; each must come once.
            assertThat(events).extracting(WebhookReceiver.Received::event).containsExactlyInAnyOrder(
                    "deployment.promote", "deployment.rollout_started", "deployment.rollout_step",
                    "deployment.rollout_step", "deployment.promote");
        }
    }

    private static List<WebhookReceiver.Received> events(WebhookReceiver receiver, String model) {
        return receiver.accepted().stream().filter(r -> r.body().contains("\"" + model + "\"")).toList();
    }
}
