package io.verso.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.gateway.GatewayApplication;
import io.verso.gateway.testsupport.FakeRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * In registry mode the gateway is ready only once it has a routing table, and a credential the registry refuses is an
 * ERROR line with the reason (once, not per retry) and a readiness detail, instead of a ready gateway that answers 404
 * to every predict.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedReadinessIT {

    @Test
    void aRefusedCredentialIsAnErrorAndTheGatewayIsNotReady(CapturedOutput output) {
        try (FakeRegistry registry = FakeRegistry.start();
             ConfigurableApplicationContext gateway = gateway(registry, "not-the-machine-token")) {
            WebTestClient http = client(gateway);
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.feedRequests() >= 3);
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
                    .jsonPath("$.components.routingTable.details.registryRefusedCredential").isEqualTo("401")
                    .jsonPath("$.components.routingTable.details.reason").exists();
            String log = output.getOut();
            assertThat(log).contains("ERROR").contains("The registry refused the gateway's credential")
                    .contains("VERSO_GATEWAY_REGISTRY_TOKEN").doesNotContain("not-the-machine-token");
            assertThat(log.split("refused the gateway's credential", -1)).as("one ERROR line, not one per retry")
                    .hasSize(2);
        }
    }

    @Test
    void theGatewayTurnsReadyWithTheRegistrysTable() {
        try (FakeRegistry registry = FakeRegistry.start();
             ConfigurableApplicationContext gateway = gateway(registry, FakeRegistry.MACHINE_TOKEN)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> client(gateway).get()
                    .uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.components.routingTable.details.revision").isEqualTo("r0")
                    .jsonPath("$.components.routingTable.details.registryRefusedCredential").doesNotExist());
        }
    }

    private static ConfigurableApplicationContext gateway(FakeRegistry registry, String token) {
        return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
                "--verso.gateway.registry-uri=" + registry.url(), "--verso.gateway.registry-token=" + token,
                "--verso.gateway.feed.retry-delay=100ms");
    }

    private static WebTestClient client(ConfigurableApplicationContext gateway) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port")).build();
    }
}
