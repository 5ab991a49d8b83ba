package io.verso.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.verso.bench.stats.LatencyStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A closed-loop load generator: N clients, each with its own keep-alive connection, each sending its next request
 * as soon as the previous answer has arrived. Closed loops measure what the server sustains without the queueing
 * collapse an open-loop rate beyond capacity would cause, and the client count is the concurrency the server sees.
 *
 * <p>A run is a warmup, whose answers are not counted, then a measured phase that ends at its duration or at a
 * request cap, whichever comes first; answers arriving after it are discarded. Every phase is bounded, so a stalled
 * server cannot hang the suite.
 */
public final class ClosedLoopLoad {

    /** Told synchronously when the measured phase starts and ends, e.g. to snapshot server counters. */
    public interface PhaseObserver {
        PhaseObserver NONE = new PhaseObserver() { };

        default void measureStarted() {
        }

        default void measureEnded() {
        }
    }

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] EMPTY = new byte[0];

    private final String baseUrl;

    public ClosedLoopLoad(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Sends one request and returns the status, the binary header length and the body; for probes. */
    public Exchange exchange(Payload payload) {
        ConnectionProvider provider = ConnectionProvider.newConnection();
        try {
            return client(provider, payload).post().uri(payload.path())
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(payload.body())))
                    .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(EMPTY)
                            .map(body -> new Exchange(response.status().code(),
                                    response.responseHeaders().get(Payloads.HEADER_LENGTH), body)))
                    .block(Duration.ofSeconds(60));
        } finally {
            provider.dispose();
        }
    }

    /** An answer: its status, its {@code Inference-Header-Content-Length} (null when absent) and its body. */
    public record Exchange(int status, String headerLength, byte[] body) {
    }

    public LoadResult run(Payload payload, int clients, Duration warmup, Duration measure, long maxRequests,
                          PhaseObserver observer) throws InterruptedException {
        ConnectionProvider provider = ConnectionProvider.builder("bench")
                .maxConnections(clients).pendingAcquireMaxCount(-1).pendingAcquireTimeout(DRAIN_TIMEOUT).build();
        Counters counters = new Counters();
        try {
            HttpClient http = client(provider, payload);
            Mono<Void> one = Mono.defer(() -> send(http, payload, counters));
            var running = Flux.range(0, clients)
                    .flatMap(i -> one.repeat(() -> !counters.stop.get()), clients, 1)
                    .then().toFuture();
            Thread.sleep(warmup.toMillis());
            observer.measureStarted();
            counters.startMeasuring();
            long start = System.nanoTime();
            long deadline = start + measure.toNanos();
            while (System.nanoTime() < deadline && counters.ok.get() < maxRequests && !running.isDone()) {
                Thread.sleep(2);
            }
            counters.measuring.set(false);
            long elapsed = System.nanoTime() - start;
            observer.measureEnded();
            counters.stop.set(true);
            try {
                running.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                running.cancel(true);
            }
            return new LoadResult(counters.ok.get(), counters.errors.get(), elapsed / 1e9, payload.rows(),
                    LatencyStats.fromMicros(counters.latency.getIntervalHistogram()), counters.firstError.get());
        } finally {
            provider.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private HttpClient client(ConnectionProvider provider, Payload payload) {
        return HttpClient.create(provider).baseUrl(baseUrl).keepAlive(true).headers(headers -> {
            payload.headers().forEach(headers::set);
            headers.set(HttpHeaderNames.CONTENT_LENGTH, payload.body().length);
        });
    }

    private static Mono<Void> send(HttpClient http, Payload payload, Counters counters) {
        long started = System.nanoTime();
        return http.post().uri(payload.path())
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(payload.body())))
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(EMPTY).map(body -> {
                    String headerLength = response.responseHeaders().get(Payloads.HEADER_LENGTH);
                    int status = response.status().code();
                    if (Responses.plausible(payload, status, headerLength, body.length, body.length > 0 ? body[0] : 0)) {
                        counters.ok(System.nanoTime() - started);
                    } else {
                        counters.error(() -> status + " " + new String(body, 0, Math.min(body.length, 200),
                                StandardCharsets.UTF_8));
                    }
                    return body;
                }))
                .then()
                // A failed exchange is counted and the client goes on after a pause, so a refusing server is not spun on.
                .onErrorResume(e -> {
                    counters.error(e::toString);
                    return Mono.delay(Duration.ofMillis(10)).then();
                });
    }

    /** Counts only what completes inside the measured phase. */
    private static final class Counters {
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final Recorder latency = new Recorder(3);

        void startMeasuring() {
            latency.reset();
            ok.set(0);
            errors.set(0);
            measuring.set(true);
        }

        void ok(long nanos) {
            if (measuring.get()) {
                latency.recordValue(Math.max(1, nanos / 1000));
                ok.incrementAndGet();
            }
        }

        void error(java.util.function.Supplier<String> description) {
            firstError.compareAndSet(null, description.get());
            if (measuring.get()) {
                errors.incrementAndGet();
            }
        }
    }
}
