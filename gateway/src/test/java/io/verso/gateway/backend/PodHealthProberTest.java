package io.verso.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.gateway.routing.PodHealth;
import io.verso.gateway.testsupport.FakePod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

class PodHealthProberTest {

    @Test
    void aPodLeavesRotationAtItsFirstFailedCheckAndReturnsAtItsFirstPassedOne() {
        try (FakePod healthy = FakePod.start("h1"); FakePod sick = FakePod.start("h2").healthStatus(503);
             FakePod killed = FakePod.start("h3")) {
            killed.kill();
            PodHealth health = new PodHealth();
            try (PodHealthProber prober = new PodHealthProber(WebClient.create(),
                    () -> List.of(healthy.url(), sick.url(), killed.url()), health, Duration.ofMillis(200),
                    "/v2/health/live")) {
                prober.start();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(health.isUp(sick.url())).isFalse();
                    assertThat(health.isUp(killed.url())).isFalse();
                });
                // A first check may time out on a cold, busy JVM; a healthy pod passes the next one.
                await().atMost(Duration.ofSeconds(5)).until(() -> health.isUp(healthy.url()));

                sick.healthStatus(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> health.isUp(sick.url()));
            }
        }
    }
}
