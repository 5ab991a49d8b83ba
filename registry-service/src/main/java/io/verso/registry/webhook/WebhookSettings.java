package io.verso.registry.webhook;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param maxAttempts    attempts per delivery before it is marked FAILED
 * @param initialBackoff wait after the first failed attempt; doubles with each further one
 * @param maxBackoff     longest wait between attempts
 * @param timeout        connect and response timeout of one attempt
 * @param pollInterval   how often each replica looks for due deliveries
 * @param secretKey      passphrase that encrypts webhook secrets at rest; null: {@code keyFile} holds a random one
 * @param keyFile        where the registry keeps the key it generated (outside the database, beside the artifacts
 *                       every replica shares)
 */
public record WebhookSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout,
                              Duration pollInterval, String secretKey, Path keyFile) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "WebhookSettings[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", timeout=" + timeout + ", pollInterval=" + pollInterval + ", secretKey="
                + (secretKey == null ? "in " + keyFile : "****") + "]";
    }
}
