package io.verso.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretsTest {

    private static final String SECRET = "whsec_0123456789abcdef";

    @TempDir
    Path dir;

    private static WebhookSettings settings(String key, Path keyFile) {
        Duration second = Duration.ofSeconds(1);
        return new WebhookSettings(1, second, second, second, second, key, keyFile);
    }

    @Test
    void sealsWithAFreshNonceAndOpensWhatItSealed() {
        WebhookSecrets secrets = new WebhookSecrets(settings("a-configured-key-0123", null));

        String first = secrets.seal(SECRET);
        String second = secrets.seal(SECRET);

        assertThat(first).startsWith("v1:").doesNotContain(SECRET).isNotEqualTo(second);
        assertThat(secrets.open(first)).isEqualTo(SECRET);
        assertThat(secrets.open(second)).isEqualTo(SECRET);
    }

    @Test
    void anotherKeyOrATamperedValueCannotBeOpened() {
        String sealed = new WebhookSecrets(settings("a-configured-key-0123", null)).seal(SECRET);
        WebhookSecrets other = new WebhookSecrets(settings("another-key-456789", null));
        // A character in the middle: every bit of it is decoded (the last one before padding may carry bits the
        // decoder drops, so changing "A=" to "B=" there could leave the bytes as they were).
        int middle = sealed.length() / 2;
        String tampered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
                + sealed.substring(middle + 1);

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(WebhookSecrets.UnreadableSecretException.class)
                .hasMessageContaining("sealed with another key");
        assertThatThrownBy(() -> new WebhookSecrets(settings("a-configured-key-0123", null)).open(tampered))
                .isInstanceOf(WebhookSecrets.UnreadableSecretException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceOwnerOnlyAndSharedByEveryInstance() throws Exception {
        Path keyFile = dir.resolve("artifacts/.webhook-secret-key");

        String sealed = new WebhookSecrets(settings(null, keyFile)).seal(SECRET);
        String key = Files.readString(keyFile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(new WebhookSecrets(settings(null, keyFile)).open(sealed)).isEqualTo(SECRET);
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        try (var left = Files.list(keyFile.getParent())) {
            assertThat(left).containsExactly(keyFile);
        }
    }

    @Test
    void theSettingsNeverPrintTheKey() {
        assertThat(settings("a-configured-key-0123", null).toString()).doesNotContain("a-configured-key")
                .contains("secretKey=****");
    }
}
