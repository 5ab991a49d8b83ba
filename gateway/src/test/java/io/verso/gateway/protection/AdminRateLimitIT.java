package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.gateway.testsupport.FakeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 20: the {@code /admin/**} proxy (on by default) is held to the gateway's rate limit by client address, so a
 * client cannot use the gateway to hammer the registry: over its burst it gets 429 and the registry hears nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.rate-limit.requests-per-second=0.5",
        "verso.gateway.rate-limit.burst=2",
        "verso.gateway.registry-token=" + FakeRegistry.MACHINE_TOKEN})
@AutoConfigureWebTestClient(timeout = "30s")
class AdminRateLimitIT {

    private static final FakeRegistry registry = FakeRegistry.start();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.registry-uri", registry::url);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theAdminProxyIsRateLimitedPerClient() {
        int before = registry.adminRequests().size();
        for (int i = 0; i < 2; i++) {
            admin().expectStatus().isOk();
        }
        admin().expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        assertThat(registry.adminRequests()).hasSize(before + 2);
    }

    private WebTestClient.ResponseSpec admin() {
        return http.get().uri("/admin/models").header("Authorization", "Bearer " + FakeRegistry.VIEWER_TOKEN)
                .exchange();
    }
}
