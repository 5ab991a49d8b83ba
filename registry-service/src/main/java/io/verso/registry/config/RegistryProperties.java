package io.verso.registry.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code verso.registry}, checked when the service starts.
 *
 * @param artifactRoot      directory that holds the content-addressed model archives
 * @param maxUploadSize     largest archive an upload may carry; must be positive. Also bounds the multipart part
 *                          ({@code spring.servlet.multipart.max-file-size} defaults to it)
 * @param maxExpandedSize   largest total size of the files an archive may expand to (zip bombs); must be positive
 * @param maxArchiveEntries most entries (files and directories) an archive may hold
 * @param fetchTimeout      connect and response timeout when registering a version by URI
 * @param fetchAllowedHosts hosts a version may be registered from by URI (a leading dot allows subdomains); empty:
 *                          any host, except link-local addresses, which are always refused
 * @param bootstrapToken    first admin token ({@code VERSO_REGISTRY_BOOTSTRAP_TOKEN}); {@code null} when unset or blank
 * @param podToken          machine token the inference pods of a deployment share ({@code VERSO_REGISTRY_POD_TOKEN});
 *                          {@code null} when unset or blank
 * @param gatewayToken      machine token the gateways of a deployment share ({@code VERSO_REGISTRY_GATEWAY_TOKEN});
 *                          {@code null} when unset or blank
 * @param feed              the data-plane feeds
 * @param analysis          pods' monitoring summaries and canary analysis
 * @param webhooks          outbound webhook delivery
 */
@Validated
@ConfigurationProperties(prefix = "verso.registry")
public record RegistryProperties(
        @NotNull Path artifactRoot,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("8GB") DataSize maxExpandedSize,
        @DefaultValue("100000") int maxArchiveEntries,
        @DefaultValue("60s") Duration fetchTimeout,
        @DefaultValue List<String> fetchAllowedHosts,
        String bootstrapToken,
        String podToken,
        String gatewayToken,
        @Valid @DefaultValue Feed feed,
        @Valid @DefaultValue Analysis analysis,
        @Valid @DefaultValue Webhooks webhooks) {

    public RegistryProperties {
        // Bean Validation has no constraint for DataSize; checking here fails the binding, and the
        // message names the property because that is what an operator searches their config for.
        if (maxUploadSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "verso.registry.max-upload-size must be positive, but was " + maxUploadSize);
        }
        if (maxExpandedSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "verso.registry.max-expanded-size must be positive, but was " + maxExpandedSize);
        }
        if (maxArchiveEntries <= 0) {
            throw new IllegalArgumentException(
                    "verso.registry.max-archive-entries must be positive, but was " + maxArchiveEntries);
        }
        bootstrapToken = blankAsNull(bootstrapToken);
        podToken = blankAsNull(podToken);
        gatewayToken = blankAsNull(gatewayToken);
    }

    /**
     * @param podTtl  how long a pod report counts; pods report more often than that
     * @param maxWait longest long-poll ({@code ?wait=}) a client may hold a request for
     */
    public record Feed(@DefaultValue("30s") Duration podTtl, @DefaultValue("60s") Duration maxWait) {

        public Feed {
            if (podTtl.isNegative() || podTtl.isZero()) {
                throw new IllegalArgumentException("verso.registry.feed.pod-ttl must be positive, but was " + podTtl);
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("verso.registry.feed.max-wait must not be negative, but was "
                        + maxWait);
            }
        }
    }

    /**
     * @param summaryTtl how long a pod's monitoring summary counts; pods send one every 15 s by default
     * @param interval   how often canary analysis looks for due rollouts (and how long a waiting one rests)
     */
    public record Analysis(@DefaultValue("60s") Duration summaryTtl, @DefaultValue("5s") Duration interval) {

        public Analysis {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("verso.registry.analysis.interval must be positive, but was "
                        + interval);
            }
            if (summaryTtl.isNegative() || summaryTtl.isZero()) {
                throw new IllegalArgumentException("verso.registry.analysis.summary-ttl must be positive, but was "
                        + summaryTtl);
            }
        }
    }

    /**
     * @param maxAttempts    attempts per delivery before it is marked failed
     * @param initialBackoff wait after the first failed attempt; doubles with each further one (with jitter)
     * @param maxBackoff     longest wait between attempts
     * @param timeout        connect and response timeout of one attempt
     * @param pollInterval   how often each replica looks for due deliveries
     * @param secretKey      passphrase (16 characters or more) whose SHA-256 encrypts webhook secrets in the
     *                       database; blank: a random key the registry keeps in the artifact root
     */
    public record Webhooks(@DefaultValue("8") int maxAttempts, @DefaultValue("10s") Duration initialBackoff,
                           @DefaultValue("1h") Duration maxBackoff, @DefaultValue("10s") Duration timeout,
                           @DefaultValue("1s") Duration pollInterval, String secretKey) {

        public Webhooks {
            secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey;
            if (secretKey != null && secretKey.length() < 16) {
                throw new IllegalArgumentException("verso.registry.webhooks.secret-key must hold at least 16"
                        + " characters, but holds " + secretKey.length());
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("verso.registry.webhooks.max-attempts must be at least 1, but was "
                        + maxAttempts);
            }
            requirePositive("initial-backoff", initialBackoff);
            requirePositive("max-backoff", maxBackoff);
            requirePositive("timeout", timeout);
            requirePositive("poll-interval", pollInterval);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("verso.registry.webhooks.max-backoff (" + maxBackoff
                        + ") must not be shorter than initial-backoff (" + initialBackoff + ")");
            }
        }

        private static void requirePositive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("verso.registry.webhooks." + name + " must be positive, but was "
                        + value);
            }
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Webhooks[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                    + maxBackoff + ", timeout=" + timeout + ", pollInterval=" + pollInterval + ", secretKey="
                    + (secretKey == null ? "generated" : "****") + "]";
        }
    }

    /** Never prints a token: properties end up in logs and failure reports. */
    @Override
    public String toString() {
        return "RegistryProperties[artifactRoot=" + artifactRoot + ", maxUploadSize=" + maxUploadSize
                + ", maxExpandedSize=" + maxExpandedSize + ", maxArchiveEntries=" + maxArchiveEntries
                + ", fetchTimeout=" + fetchTimeout + ", fetchAllowedHosts=" + fetchAllowedHosts
                + ", bootstrapToken=" + masked(bootstrapToken) + ", podToken=" + masked(podToken)
                + ", gatewayToken=" + masked(gatewayToken)
                + ", feed=" + feed + ", analysis=" + analysis + ", webhooks=" + webhooks + "]";
    }

    // An empty environment variable means "no token", not a token that is the empty string.
    private static String blankAsNull(String token) {
        return token == null || token.isBlank() ? null : token;
    }

    private static String masked(String token) {
        return token == null ? "unset" : "****";
    }
}
