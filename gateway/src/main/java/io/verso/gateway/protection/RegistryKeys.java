package io.verso.gateway.protection;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Accepts the registry's tokens as API keys: a key is valid when the registry lets it read
 * ({@code GET /api/v1/models?size=1} answers 200, i.e. the viewer role or above). Answers are cached, rejections
 * for a shorter time, so the registry is asked about a key at most once per TTL; when the registry cannot be asked,
 * the key is refused and nothing is cached.
 */
public final class RegistryKeys implements KeyVerifier {

    private final WebClient client;
    private final URI checkUri;
    private final Duration validFor;
    private final Duration invalidFor;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    public RegistryKeys(WebClient client, URI registryUri, Duration validFor, Duration invalidFor) {
        this.client = client;
        this.checkUri = URI.create(registryUri.toString().replaceAll("/+$", "") + "/api/v1/models?size=1");
        this.validFor = validFor;
        this.invalidFor = invalidFor;
    }

    @Override
    public Mono<Boolean> isValid(String key) {
        Verdict cached = verdicts.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAt() < 0) {
            return Mono.just(cached.valid());
        }
        return client.get().uri(checkUri).headers(h -> h.setBearerAuth(key))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .timeout(Duration.ofSeconds(5))
                .map(status -> {
                    boolean valid = status.is2xxSuccessful();
                    if (valid || status.isSameCodeAs(HttpStatus.UNAUTHORIZED)
                            || status.isSameCodeAs(HttpStatus.FORBIDDEN)) {
                        verdicts.put(key, new Verdict(valid, now + (valid ? validFor : invalidFor).toNanos()));
                    }
                    return valid;
                })
                .onErrorReturn(false);
    }

    private record Verdict(boolean valid, long expiresAt) {
    }
}
