package io.verso.gateway.config;

import io.verso.contracts.ModelNames;
import io.verso.gateway.routing.StaticModel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code verso.gateway}, checked when the gateway starts. (Named apart from Spring Cloud
 * Gateway's own {@code GatewayProperties}.)
 *
 * @param inferenceUri   where prediction traffic goes without a registry (static mode); an absolute http(s) URI
 * @param registryUri    the registry's base URL; set, the routing table comes from its feed and {@code /admin/**}
 *                       is proxied to it
 * @param registryToken  the machine token for the feed ({@code Authorization: Bearer})
 * @param routingCache   file keeping the last routing table, so a restart routes while the registry is down
 * @param feed           long-poll timing
 * @param backend        pod picking and health checks
 * @param maxRequestSize larger request bodies are answered 413
 * @param shadow         shadow-copy timing and comparison size
 * @param auth           API keys for the inference APIs and feedback
 * @param rateLimit      per-client request rate
 * @param admin          the {@code /admin/**} proxy to the registry
 * @param models         per model: the whole split in static mode; the shadow setting in registry mode
 * @param grpc           the gRPC port (TF Serving's and V2's gRPC APIs); off unless {@code grpc.port} is set
 */
@Validated
@ConfigurationProperties(prefix = "verso.gateway")
public record VersoGatewayProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8501") URI inferenceUri,
        URI registryUri,
        String registryToken,
        Path routingCache,
        @Valid @DefaultValue Feed feed,
        @Valid @DefaultValue Backend backend,
        @NotNull @DefaultValue("32MB") DataSize maxRequestSize,
        @Valid @DefaultValue Shadow shadow,
        @Valid @DefaultValue Auth auth,
        @Valid @DefaultValue RateLimit rateLimit,
        @Valid @DefaultValue Admin admin,
        Map<String, ModelSettings> models,
        @Valid @DefaultValue Grpc grpc) {

    public VersoGatewayProperties {
        // A relative or non-HTTP URI would only fail later, inside route building, without naming the property.
        // An empty VERSO_GATEWAY_REGISTRY_URI (a chart value left blank) means no registry, not a bad URI.
        registryUri = registryUri == null || registryUri.toString().isBlank() ? null : registryUri;
        requireHttp("verso.gateway.inference-uri", inferenceUri);
        requireHttp("verso.gateway.registry-uri", registryUri);
        models = models == null ? Map.of() : Map.copyOf(models);
        // A name the registry's rule refuses is one no request path can reach: say so at start-up.
        models.keySet().forEach(name -> ModelNames.nameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("verso.gateway.models: " + problem);
        }));
        if (auth.enabled() && auth.keys().isEmpty() && (registryUri == null || !auth.registryKeys())) {
            // Every request would be refused: say so at start-up, not with a 401 per call.
            throw new IllegalArgumentException("verso.gateway.auth.enabled is true (the default) but no API key can"
                    + " be valid: set verso.gateway.auth.keys, or verso.gateway.registry-uri with registry-keys,"
                    + " or turn authentication off explicitly with verso.gateway.auth.enabled=false (local trials)");
        }
    }

    /** The configured models as the routing core reads them. */
    public Map<String, StaticModel> staticModels() {
        return models.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().toStaticModel()));
    }

    private static void requireHttp(String property, URI uri) {
        if (uri != null && !isAbsoluteHttp(uri)) {
            throw new IllegalArgumentException(
                    property + " must be an absolute http(s) URI with a host, but was " + uri);
        }
    }

    private static boolean isAbsoluteHttp(URI uri) {
        return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null;
    }

    /**
     * @param longPoll   how long the registry may hold each request ({@code ?wait=}; it caps this itself)
     * @param retryDelay pause after a failed poll
     */
    public record Feed(@DefaultValue("30s") Duration longPoll, @DefaultValue("2s") Duration retryDelay) {
    }

    /**
     * @param loadBalancing  {@code round-robin} or {@code least-outstanding}
     * @param healthInterval how often every pod's health is checked
     * @param healthPath     the check's path on a pod
     */
    public record Backend(@DefaultValue("round-robin") LoadBalancing loadBalancing,
                          @DefaultValue("5s") Duration healthInterval,
                          @DefaultValue("/v2/health/live") String healthPath) {
    }

    public enum LoadBalancing { ROUND_ROBIN, LEAST_OUTSTANDING }

    /**
     * @param timeout      a shadow copy without an answer by then counts as TIMEOUT and is dropped
     * @param compareLimit answers larger than this are not compared
     */
    public record Shadow(@DefaultValue("10s") Duration timeout, @DefaultValue("1MB") DataSize compareLimit) {
    }

    /**
     * @param port              the gRPC port (8500 in the chart and compose); unset: no gRPC; 0: a free port
     * @param podPort           the gRPC port of pods that advertise none in the routing table (a pod's advertised
     *                          port comes first); unset: each such pod's REST port plus {@code podPortOffset}
     * @param podPortOffset     added to a pod's REST port to find its gRPC port when it advertises none and
     *                          {@code podPort} is unset: -1 pairs TF Serving's 8500/8501
     * @param certificateChain  PEM certificate chain: serve gRPC over TLS (with {@code privateKey})
     * @param privateKey        PEM private key of the certificate chain
     * @param maxShadowCalls    shadow copies of gRPC calls open at once; a copy over that is not sent
     */
    public record Grpc(@Min(0) @Max(65535) Integer port, @Min(1) @Max(65535) Integer podPort,
                       @DefaultValue("-1") int podPortOffset, Path certificateChain, Path privateKey,
                       @Min(1) @DefaultValue("64") int maxShadowCalls) {

        public Grpc {
            if ((certificateChain == null) != (privateKey == null)) {
                throw new IllegalArgumentException("verso.gateway.grpc.certificate-chain and private-key go together");
            }
        }
    }

    /**
     * On by default: a gateway faces the internet. Turning it off ({@code enabled: false}) is for a laptop or a
     * trial on a private network, and must be said explicitly.
     *
     * @param enabled         require an API key on the inference APIs and feedback
     * @param header          the key's header ({@code Authorization: Bearer} is accepted too)
     * @param keys            keys accepted without asking the registry (every model, feedback too)
     * @param registryKeys    also accept registry tokens of the client, viewer, deployer and admin roles (needs
     *                        {@code registry-uri}); client keys are held to their models and feedback scope
     * @param registryKeyTtl  how long the registry's yes is trusted (its no: a tenth of this)
     * @param maxCachedKeys   most key verdicts kept (keyed by the key's hash; least recently used go first)
     * @param registryChecksPerSecond registry look-ups per second for keys not in the cache, all clients together
     */
    public record Auth(@DefaultValue("true") boolean enabled, @DefaultValue("X-API-Key") String header,
                       List<String> keys, @DefaultValue("true") boolean registryKeys,
                       @DefaultValue("60s") Duration registryKeyTtl, @DefaultValue("100000") long maxCachedKeys,
                       @DefaultValue("20") double registryChecksPerSecond) {

        public Auth {
            keys = keys == null ? List.of() : List.copyOf(keys);
            if (maxCachedKeys < 1 || registryChecksPerSecond <= 0) {
                throw new IllegalArgumentException("verso.gateway.auth.max-cached-keys and "
                        + "registry-checks-per-second must be positive");
            }
        }
    }

    /**
     * On by default, like authentication.
     *
     * @param enabled           limit each client: its verified API key, else its address
     * @param requestsPerSecond sustained rate per client
     * @param burst             requests a client may send at once
     * @param store             {@code memory} (per gateway) or {@code redis} (shared; {@code spring.data.redis.*})
     * @param maxClients        most clients the in-memory limiter tracks (least recently seen go first)
     * @param trustedProxies    CIDRs of proxies in front of the gateway whose {@code X-Forwarded-For} is believed;
     *                          empty: the header is ignored and the connection's address counts
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("100") double requestsPerSecond,
                            @DefaultValue("200") int burst, @DefaultValue("memory") Store store,
                            @DefaultValue("100000") long maxClients, List<String> trustedProxies) {

        public RateLimit {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }

    /**
     * @param enabled proxy {@code /admin/**} to the registry's API (when {@code registry-uri} is set); the registry
     *                checks the caller's token, and the gateway's rate limit applies by client address
     */
    public record Admin(@DefaultValue("true") boolean enabled) {
    }

    public enum Store { MEMORY, REDIS }

    /** One model's split; see {@link StaticModel}. */
    public record ModelSettings(Long stableVersion, Long canaryVersion, int canaryWeight, Long shadowVersion,
                                int shadowPercent) {

        StaticModel toStaticModel() {
            return new StaticModel(stableVersion, canaryVersion, canaryWeight, shadowVersion, shadowPercent);
        }
    }
}
