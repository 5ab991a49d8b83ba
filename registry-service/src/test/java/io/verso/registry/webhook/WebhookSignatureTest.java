package io.verso.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String OPENSSL = "229e0f51b0a2f31a1e23e54ead5b311e797fad15f9500b6881a9e2319759cff5";

    /** Reference value: {@code printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'it-secret-0123456789'}. */
    @Test
    void signsTimestampDotBodyWithHmacSha256InHex() {
        assertThat(WebhookSignature.sign("it-secret-0123456789", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("sha256=" + OPENSSL);
    }

    @Test
    void eventFiltersMatchExactTypesPrefixesAndEverything() {
        assertThat(EventTypes.matches(List.of(), "deployment.promote")).isTrue();
        assertThat(EventTypes.matches(List.of("*"), "version.registered")).isTrue();
        assertThat(EventTypes.matches(List.of("deployment.*"), "deployment.rollout_step")).isTrue();
        assertThat(EventTypes.matches(List.of("deployment.*"), "version.registered")).isFalse();
        assertThat(EventTypes.matches(List.of("deployment.promote"), "deployment.rollback")).isFalse();
        assertThat(EventTypes.ofAuditAction("ROLLOUT_STEP")).isEqualTo("deployment.rollout_step");
    }
}
