package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.gateway.support.FakeRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Registry tokens with read access are API keys; the registry is asked once per TTL. */
class RegistryKeysTest {

    private final FakeRegistry registry = FakeRegistry.start();
    private final KeyVerifier keys = new ConfiguredKeys(List.of("configured"),
            new RegistryKeys(WebClient.create(), URI.create(registry.url()), Duration.ofMinutes(1),
                    Duration.ofSeconds(5)));

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void acceptsConfiguredKeysAndRegistryReadersOnly() {
        assertThat(keys.isValid("configured").block()).isTrue();
        assertThat(keys.isValid(FakeRegistry.VIEWER_TOKEN).block()).isTrue();
        assertThat(keys.isValid("stranger").block()).isFalse();
        assertThat(registry.adminRequests()).hasSize(2);
    }

    @Test
    void trustsACachedAnswerWhileTheRegistryIsDown() {
        assertThat(keys.isValid(FakeRegistry.VIEWER_TOKEN).block()).isTrue();
        registry.kill();
        assertThat(keys.isValid(FakeRegistry.VIEWER_TOKEN).block()).isTrue();
        assertThat(keys.isValid("never-seen").block()).isFalse();
    }
}
