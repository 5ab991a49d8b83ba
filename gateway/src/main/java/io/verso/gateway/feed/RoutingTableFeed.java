package io.verso.gateway.feed;

import io.verso.contracts.RoutingTable;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Follows {@code GET /api/v1/feed/routing-table} by long-poll: each request sends the revision it has as
 * {@code If-None-Match} with {@code ?wait=}, so the registry answers as soon as the table changes (200) or when the
 * wait ends (304). Every new table goes to the consumer and to the disk cache. While the registry is unreachable the
 * consumer simply hears nothing, so the gateway keeps routing with what it has. A refused credential (401/403) is
 * not an outage but a misconfiguration: it is logged at ERROR with the registry's reason (once, until it changes or
 * the registry accepts again) and kept in the {@link FeedStatus} the gateway's health reports.
 */
public final class RoutingTableFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingTableFeed.class);

    private final WebClient client;
    private final URI feedUri;
    private final FeedOptions options;
    private final RoutingTableCache cache;
    private final Consumer<RoutingTable> consumer;
    private final FeedStatus status;
    private volatile String revision;
    private volatile Disposable polling;

    /**
     * @param registryUri the registry's base URL
     * @param cache       where tables are kept, or {@code null} for none
     * @param consumer    receives every table that differs from the last one
     * @param status      where a refused credential is recorded
     */
    public RoutingTableFeed(WebClient client, URI registryUri, FeedOptions options, RoutingTableCache cache,
                            Consumer<RoutingTable> consumer, FeedStatus status) {
        this.client = client;
        this.feedUri = URI.create(registryUri.toString().replaceAll("/+$", "") + "/api/v1/feed/routing-table?wait="
                + options.longPoll().toMillis() + "ms");
        this.options = options;
        this.cache = cache;
        this.consumer = consumer;
        this.status = status;
    }

    /**
     * Starts following the feed from {@code knownRevision}, the revision the gateway already routes with (from the
     * cache), or {@code null}.
     */
    public void start(String knownRevision) {
        revision = knownRevision;
        polling = Mono.defer(this::pollOnce)
                .onErrorResume(CredentialRefused.class, refused -> {
                    if (status.refused(refused.getMessage())) {
                        log.error("The registry refused the gateway's credential at {}: {} {}. Set "
                                + "verso.gateway.registry-token (VERSO_GATEWAY_REGISTRY_TOKEN) to a machine token the "
                                + "registry knows; routing stays with revision {} and the request is retried every {}",
                                feedUri, refused.getMessage(), refused.body, revision, options.retryDelay());
                    }
                    return Mono.delay(options.retryDelay()).then();
                })
                .onErrorResume(e -> {
                    log.warn("Routing table feed {} failed ({}); routing with revision {} and retrying in {}",
                            feedUri, e.toString(), revision, options.retryDelay());
                    return Mono.delay(options.retryDelay()).then();
                })
                .repeat()
                .subscribe();
    }

    @Override
    public void close() {
        Disposable running = polling;
        if (running != null) {
            running.dispose();
        }
    }

    private Mono<Void> pollOnce() {
        return client.get().uri(feedUri)
                .headers(headers -> {
                    if (options.token() != null && !options.token().isBlank()) {
                        headers.setBearerAuth(options.token());
                    }
                    if (revision != null) {
                        headers.setIfNoneMatch("\"" + revision + "\"");
                    }
                })
                .exchangeToMono(this::handle)
                // The registry caps its wait; a connection that outlives the wait by far is dead, not waiting.
                .timeout(options.longPoll().plus(Duration.ofSeconds(15)));
    }

    private Mono<Void> handle(ClientResponse response) {
        if (response.statusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)
                || response.statusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
            String reason = response.statusCode().value()
                    + (options.token() == null || options.token().isBlank() ? " (no token configured)" : "");
            return response.bodyToMono(String.class).defaultIfEmpty("")
                    .flatMap(body -> Mono.error(new CredentialRefused(reason, abbreviated(body))));
        }
        if (status.accepted()) {
            log.info("The registry accepts the gateway's credential again at {}", feedUri);
        }
        if (response.statusCode().isSameCodeAs(HttpStatus.NOT_MODIFIED)) {
            return response.releaseBody();
        }
        if (!response.statusCode().is2xxSuccessful()) {
            return response.createError().then();
        }
        return response.bodyToMono(byte[].class).doOnNext(this::accept).then();
    }

    private void accept(byte[] json) {
        RoutingTable table = RoutingTableJson.read(json);
        if (table.revision().equals(revision)) {
            return;
        }
        log.info("Routing table revision {} ({} models) replaces {}", table.revision(), table.models().size(),
                revision);
        revision = table.revision();
        consumer.accept(table);
        if (cache != null) {
            try {
                cache.save(json);
            } catch (RuntimeException e) {
                // Routing goes on with the new table; only a restart during a registry outage would miss it.
                log.warn("Could not cache routing table revision {}: {}", table.revision(), e.toString());
            }
        }
    }

    /** The registry's answer body, cut short for the log line. */
    private static String abbreviated(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    /**
     * The registry answered 401 or 403 to the feed request: the message (status, whether a token was set) goes to the
     * health details, the registry's body only to the log.
     */
    private static final class CredentialRefused extends RuntimeException {
        private final String body;

        CredentialRefused(String reason, String body) {
            super(reason, null, false, false);
            this.body = body;
        }
    }

    /**
     * @param token      the registry machine token, or {@code null}
     * @param longPoll   how long the registry may hold each request
     * @param retryDelay the pause after a failed request
     */
    public record FeedOptions(String token, Duration longPoll, Duration retryDelay) {
    }
}
