package io.verso.gateway.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts the registry's tokens as API keys: a key is asked about with {@code GET /api/v1/tokens/self}, which
 * answers its role and, for {@code client} keys, the models it may call, its feedback scope and its expiry. Roles
 * that call models are accepted: {@code client}, {@code viewer}, {@code deployer}, {@code admin}; machine and
 * publisher tokens are not API keys.
 *
 * <p>Every client-chosen value here is bounded: verdicts live in a Caffeine cache of at most {@code maxKeys}
 * entries, keyed by the key's SHA-256 prefix (the key itself is not kept), a yes for {@code validFor} (never past
 * the key's expiry), a no for {@code invalidFor}. Keys not in the cache are checked at most {@code checksPerSecond}
 * times a second across all clients, so a flood of invented keys neither loads the registry nor grows memory;
 * beyond that budget, and when the registry cannot be asked, the key is {@link KeyCheckUnavailable unchecked}
 * (503) and nothing is cached.
 */
public final class RegistryKeys implements KeyVerifier {

    private static final Set<String> CALLING_ROLES = Set.of("client", "viewer", "deployer", "admin");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient client;
    private final URI selfUri;
    private final Duration validFor;
    private final Duration invalidFor;
    private final Cache<String, Verdict> verdicts;
    private final InMemoryRateLimiter checks;
    private final LongSupplier epochMillis;

    /**
     * @param maxKeys         most verdicts kept
     * @param checksPerSecond registry look-ups allowed per second for keys not in the cache (burst: as many)
     */
    public RegistryKeys(WebClient client, URI registryUri, Duration validFor, Duration invalidFor, long maxKeys,
                        double checksPerSecond, LongSupplier epochMillis) {
        this.client = client;
        this.selfUri = URI.create(registryUri.toString().replaceAll("/+$", "") + "/api/v1/tokens/self");
        this.validFor = validFor;
        this.invalidFor = invalidFor;
        this.epochMillis = epochMillis;
        this.verdicts = Caffeine.newBuilder().maximumSize(maxKeys).expireAfter(new VerdictExpiry()).build();
        this.checks = new InMemoryRateLimiter(checksPerSecond, (int) Math.max(1, Math.ceil(checksPerSecond)), 1,
                System::nanoTime);
    }

    @Override
    public Mono<VerifiedKey> verify(String key) {
        String id = VerifiedKey.idOf(key);
        Verdict cached = verdicts.getIfPresent(id);
        if (cached != null) {
            return Mono.justOrEmpty(cached.key());
        }
        return checks.acquire("registry").flatMap(decision -> decision.allowed() ? ask(key, id)
                : Mono.error(new KeyCheckUnavailable("too many unknown API keys are being checked; retry shortly")));
    }

    private Mono<VerifiedKey> ask(String key, String id) {
        return client.get().uri(selfUri).headers(h -> h.setBearerAuth(key))
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(body -> answer(id, response.statusCode().value(), body)))
                .timeout(Duration.ofSeconds(5))
                .onErrorMap(e -> !(e instanceof KeyCheckUnavailable),
                        e -> new KeyCheckUnavailable("the registry could not check the API key"))
                .flatMap(verdict -> Mono.justOrEmpty(verdict.key()));
    }

    private Verdict answer(String id, int status, byte[] body) {
        Verdict verdict;
        if (status == HttpStatus.OK.value()) {
            verdict = accepted(id, JSON.readTree(body));
        } else if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
            verdict = new Verdict(Optional.empty(), epochMillis.getAsLong() + invalidFor.toMillis());
        } else {
            throw new KeyCheckUnavailable("the registry answered " + status + " to a key check");
        }
        verdicts.put(id, verdict);
        return verdict;
    }

    private Verdict accepted(String id, JsonNode self) {
        long now = epochMillis.getAsLong();
        if (!CALLING_ROLES.contains(self.path("role").asString(""))) {
            return new Verdict(Optional.empty(), now + invalidFor.toMillis());
        }
        List<String> models = null;
        if (self.path("models").isArray()) {
            models = new ArrayList<>();
            for (JsonNode model : self.get("models")) {
                models.add(model.asString());
            }
        }
        long until = now + validFor.toMillis();
        if (self.path("expiresAt").isString()) {
            until = Math.min(until, java.time.Instant.parse(self.get("expiresAt").asString()).toEpochMilli());
        }
        return new Verdict(Optional.of(new VerifiedKey(id, models, self.path("feedback").asBoolean(false))), until);
    }

    /** Verdicts held now (after pending evictions): for tests of the bound. */
    long cachedVerdicts() {
        verdicts.cleanUp();
        return verdicts.estimatedSize();
    }

    private record Verdict(Optional<VerifiedKey> key, long expiresAtMillis) {
    }

    /** Each verdict lives until its own time: a yes, a no and a key's expiry differ. */
    private final class VerdictExpiry implements Expiry<String, Verdict> {

        @Override
        public long expireAfterCreate(String id, Verdict verdict, long currentTime) {
            return Math.max(0, verdict.expiresAtMillis() - epochMillis.getAsLong()) * 1_000_000;
        }

        @Override
        public long expireAfterUpdate(String id, Verdict verdict, long currentTime, long currentDuration) {
            return expireAfterCreate(id, verdict, currentTime);
        }

        @Override
        public long expireAfterRead(String id, Verdict verdict, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
