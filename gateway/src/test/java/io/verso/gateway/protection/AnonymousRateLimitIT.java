package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.testsupport.FakePod;
import io.verso.gateway.testsupport.FakeRegistry;
import io.verso.gateway.testsupport.Routes;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 20: a local trial's gateway (authentication explicitly off) still limits each client, by its address. A
 * client that sends a new made-up key, or a made-up X-Forwarded-For, with every request used to get a new budget
 * each time; and the {@code /admin/**} proxy can be turned off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.auth.enabled=false",
        "verso.gateway.rate-limit.requests-per-second=0.5",
        "verso.gateway.rate-limit.burst=3",
        "verso.gateway.admin.enabled=false",
        "verso.gateway.registry-token=" + FakeRegistry.MACHINE_TOKEN})
@AutoConfigureWebTestClient(timeout = "30s")
class AnonymousRateLimitIT {

    private static final FakePod pod = FakePod.start("pod");
    private static final FakeRegistry registry = FakeRegistry.start();

    @Autowired
    WebTestClient http;
    @Autowired
    CurrentRouting routing;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.registry-uri", registry::url);
    }

    @BeforeEach
    void routeTheModel() {
        registry.publishAndAwait(List.of(Routes.model("m").stable(1, pod.url()).build()), routing);
    }

    @AfterAll
    static void stop() {
        pod.close();
        registry.close();
    }

    @Test
    void inventedKeysAndForwardedForHeadersDoNotResetTheLimit() {
        for (int i = 0; i < 3; i++) {
            send().expectStatus().isOk();
        }
        send().expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
    }

    @Test
    void theAdminProxyCanBeTurnedOff() {
        int before = registry.adminRequests().size();
        http.get().uri("/admin/models").exchange().expectStatus().isNotFound();
        assertThat(registry.adminRequests()).hasSize(before);
    }

    private WebTestClient.ResponseSpec send() {
        return http.post().uri("/v1/models/m:predict")
                .header("X-API-Key", UUID.randomUUID().toString())
                .header("X-Forwarded-For", "198.51.100." + (int) (Math.random() * 250))
                .bodyValue("{}").exchange();
    }
}
