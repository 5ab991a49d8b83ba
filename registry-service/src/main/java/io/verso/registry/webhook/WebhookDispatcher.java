package io.verso.registry.webhook;

import io.verso.registry.webhook.WebhookStore.ClaimedDelivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts due deliveries, one at a time, on one thread per replica. Claims go through {@link WebhookStore#claimNext}
 * so any number of replicas can run this together. Delivery is at least once: a replica that dies after the
 * receiver answered but before the result was written sends again when the lease ends; receivers deduplicate by
 * {@code X-Verso-Delivery}. Redirects are not followed, so a registered URL cannot bounce requests elsewhere.
 */
@Component
class WebhookDispatcher {

    static final String EVENT_HEADER = "X-Verso-Event";
    static final String DELIVERY_HEADER = "X-Verso-Delivery";
    static final String TIMESTAMP_HEADER = "X-Verso-Timestamp";
    static final String SIGNATURE_HEADER = "X-Verso-Signature";
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final WebhookSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration lease;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-dispatcher");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDispatcher(WebhookStore store, WebhookSecrets secrets, WebhookSettings settings, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), RandomGenerator.getDefault());
        // Connecting and answering are timed separately, so one attempt can take twice the timeout.
        this.lease = settings.timeout().multipliedBy(2).plusSeconds(10);
        // HTTP/1.1: a plain POST needs no h2c upgrade dance, which some receivers get wrong.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PostConstruct
    void start() {
        long period = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sendDue, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Until nothing is due; a failure of the database ends this round only, the next one tries again. */
    private void sendDue() {
        try {
            Optional<ClaimedDelivery> next;
            while (!Thread.currentThread().isInterrupted() && (next = store.claimNext(lease)).isPresent()) {
                attempt(next.get());
            }
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch round failed; retrying in {}: {}", settings.pollInterval(), e.toString());
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        String secret;
        try {
            secret = secrets.open(delivery.secret());
        } catch (WebhookSecrets.UnreadableSecretException e) {
            // No attempt can succeed until the key is restored; retrying would only repeat this.
            store.failed(delivery.id(), null, e.getMessage());
            log.warn("Webhook delivery {} to {} failed: {}", delivery.deliveryId(), delivery.url(), e.getMessage());
            return;
        }
        Optional<String> forbidden = WebhookService.forbiddenTarget(delivery.url());
        if (forbidden.isPresent()) {
            // Its name resolves to a forbidden address now: not worth retrying, and never to be sent.
            store.failed(delivery.id(), null, forbidden.get());
            log.warn("Webhook delivery {} to {} refused: {}", delivery.deliveryId(), delivery.url(), forbidden.get());
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Verso-Webhooks/1")
                .header(EVENT_HEADER, delivery.eventType())
                .header(DELIVERY_HEADER, delivery.deliveryId().toString())
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        Integer status = null;
        String error;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                store.delivered(delivery.id(), status);
                return;
            }
            error = "the receiver answered HTTP " + status;
        } catch (HttpTimeoutException e) {
            error = "no answer within " + settings.timeout();
        } catch (IOException e) {
            error = "could not post: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int attempts = delivery.attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            store.failed(delivery.id(), status, error);
            log.warn("Webhook delivery {} ({}) to {} failed after {} attempts: {}", delivery.deliveryId(),
                    delivery.eventType(), delivery.url(), attempts, error);
        } else {
            Duration wait = backoff.after(attempts);
            store.retryLater(delivery.id(), status, error, wait);
            log.info("Webhook delivery {} to {} attempt {} failed ({}); next in {}", delivery.deliveryId(),
                    delivery.url(), attempts, error, wait);
        }
    }
}
