package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.gateway.testsupport.FakeRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Registry tokens of the calling roles are API keys, with their scope; the registry is asked once per TTL. */
class RegistryKeysTest {

    private final FakeRegistry registry = FakeRegistry.start();
    private final KeyVerifier keys = new ConfiguredKeys(List.of("configured"), registryKeys(1000, 1000));

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryKeys registryKeys(long maxKeys, double checksPerSecond) {
        return new RegistryKeys(WebClient.create(), URI.create(registry.url()), Duration.ofMinutes(1),
                Duration.ofSeconds(5), maxKeys, checksPerSecond, System::currentTimeMillis);
    }

    @Test
    void acceptsConfiguredKeysAndRegistryCallersOnlyWithTheirScope() {
        VerifiedKey configured = keys.verify("configured").block();
        VerifiedKey viewer = keys.verify(FakeRegistry.VIEWER_TOKEN).block();
        VerifiedKey client = keys.verify(FakeRegistry.IRIS_CLIENT_TOKEN).block();

        assertThat(configured.mayCall("fraud")).isTrue();
        assertThat(configured.feedback()).isTrue();
        assertThat(viewer.mayCall("fraud")).isTrue();
        assertThat(viewer.feedback()).isFalse();
        assertThat(client.mayCall("iris")).isTrue();
        assertThat(client.mayCall("fraud")).as("a key for iris cannot call fraud").isFalse();
        assertThat(client.feedback()).isTrue();
        assertThat(keys.verify("stranger").blockOptional()).isEmpty();
        assertThat(keys.verify(FakeRegistry.POD_TOKEN).blockOptional()).as("a pod's token is no API key").isEmpty();
        assertThat(registry.adminRequests()).hasSize(4);
        // The key is not what identifies the client anywhere: its hash is.
        assertThat(client.id()).hasSize(32).doesNotContain(FakeRegistry.IRIS_CLIENT_TOKEN);
    }

    @Test
    void trustsACachedAnswerWhileTheRegistryIsDown() {
        assertThat(keys.verify(FakeRegistry.VIEWER_TOKEN).blockOptional()).isPresent();
        registry.kill();
        assertThat(keys.verify(FakeRegistry.VIEWER_TOKEN).blockOptional()).isPresent();
        assertThatThrownBy(() -> keys.verify("never-seen").block()).isInstanceOf(KeyCheckUnavailable.class);
    }

    /**
     * Issue 20: a client inventing keys made the registry check every one of them and kept each verdict forever.
     * Now look-ups of unknown keys stay within their budget and the verdicts within their bound.
     */
    @Test
    void inventedKeysAreCheckedAtABoundedRateAndRememberedWithinABound() {
        RegistryKeys bounded = registryKeys(50, 5);
        int unchecked = 0;
        for (int i = 0; i < 300; i++) {
            try {
                assertThat(bounded.verify("invented-" + i).blockOptional()).isEmpty();
            } catch (KeyCheckUnavailable e) {
                unchecked++;
            }
        }
        assertThat(registry.adminRequests().size()).as("registry look-ups").isLessThan(30);
        assertThat(unchecked).isGreaterThan(270);
        assertThat(bounded.cachedVerdicts()).isLessThanOrEqualTo(50);
    }
}
