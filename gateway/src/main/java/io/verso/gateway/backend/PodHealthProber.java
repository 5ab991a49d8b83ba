package io.verso.gateway.backend;

import io.verso.gateway.routing.PodHealth;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks every known pod's liveness ({@code GET <pod>/v2/health/live} by default) at a fixed interval and takes a
 * pod out of rotation at its first failed check, back in at its first passed one. The circuit breaker covers the
 * time between two checks.
 */
public final class PodHealthProber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodHealthProber.class);

    private final WebClient client;
    private final Supplier<Collection<String>> pods;
    private final PodHealth health;
    private final Duration interval;
    private final String healthPath;
    private Disposable probing;

    public PodHealthProber(WebClient client, Supplier<Collection<String>> pods, PodHealth health, Duration interval,
                           String healthPath) {
        this.client = client;
        this.pods = pods;
        this.health = health;
        this.interval = interval;
        this.healthPath = healthPath;
    }

    public void start() {
        probing = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(pods.get()).flatMap(this::probe).then())
                .subscribe();
    }

    @Override
    public void close() {
        if (probing != null) {
            probing.dispose();
        }
    }

    private Mono<Void> probe(String pod) {
        String base = pod.endsWith("/") ? pod.substring(0, pod.length() - 1) : pod;
        return client.get().uri(base + healthPath)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(interval.compareTo(Duration.ofSeconds(2)) < 0 ? interval : Duration.ofSeconds(2))
                .onErrorReturn(false)
                .doOnNext(up -> record(pod, up))
                .then();
    }

    private void record(String pod, boolean up) {
        if (up && health.markUp(pod)) {
            log.info("Pod {} passed its health check; back in rotation", pod);
        } else if (!up && health.markDown(pod)) {
            log.warn("Pod {} failed its health check; out of rotation", pod);
        }
    }
}
