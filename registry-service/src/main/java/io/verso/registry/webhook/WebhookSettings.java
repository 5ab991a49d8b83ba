package io.verso.registry.webhook;

import java.time.Duration;

/**
 * @param maxAttempts    attempts per delivery before it is marked FAILED
 * @param initialBackoff wait after the first failed attempt; doubles with each further one
 * @param maxBackoff     longest wait between attempts
 * @param timeout        connect and response timeout of one attempt
 * @param pollInterval   how often each replica looks for due deliveries
 */
public record WebhookSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout,
                              Duration pollInterval) {
}
