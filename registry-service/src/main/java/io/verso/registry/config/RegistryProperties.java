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
 * @param maxSavedModelSize largest {@code saved_model.pb}, which is parsed in memory (far below the archive limits,
 *                          so one upload cannot exhaust the heap); positive, below 2GB
 * @param fetchTimeout      connect and response timeout when registering a version by URI
 * @param fetchAllowedHosts hosts a version may be registered from by URI (a leading dot allows subdomains); empty:
 *                          any host that resolves to a public address. Loopback, private, carrier-grade NAT and
 *                          unique-local addresses are fetched from only for hosts named here; link-local and
 *                          metadata addresses never
 * @param bootstrapToken    first admin token ({@code VERSO_REGISTRY_BOOTSTRAP_TOKEN}); {@code null} when unset or blank
 * @param podToken          machine token the inference pods of a deployment share ({@code VERSO_REGISTRY_POD_TOKEN});
 *                          {@code null} when unset or blank
 * @param gatewayToken      machine token the gateways of a deployment share ({@code VERSO_REGISTRY_GATEWAY_TOKEN});
 *                          {@code null} when unset or blank
 * @param retireBootstrapToken the bootstrap admin token stops working while a stored, live admin token exists
 * @param podNetwork        where pods may say they are
 * @param feed              the data-plane feeds
 * @param analysis          pods' monitoring summaries and canary analysis
 * @param webhooks          outbound webhook delivery
 * @param store             where archives are kept: {@code filesystem} (under {@code artifactRoot}, one replica) or
 *                          {@code s3} (a bucket that several replicas share; see {@link S3})
 * @param s3                the bucket, when {@code store} is {@code s3}
 * @param gc                garbage collection of unreferenced archives and crashed uploads
 */
@Validated
@ConfigurationProperties(prefix = "verso.registry")
public record RegistryProperties(
        @NotNull Path artifactRoot,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("8GB") DataSize maxExpandedSize,
        @DefaultValue("100000") int maxArchiveEntries,
        @DefaultValue("64MB") DataSize maxSavedModelSize,
        @DefaultValue("60s") Duration fetchTimeout,
        @DefaultValue List<String> fetchAllowedHosts,
        String bootstrapToken,
        String podToken,
        String gatewayToken,
        boolean retireBootstrapToken,
        @Valid @DefaultValue PodNetwork podNetwork,
        @Valid @DefaultValue Feed feed,
        @Valid @DefaultValue Analysis analysis,
        @Valid @DefaultValue Webhooks webhooks,
        @DefaultValue("filesystem") Store store,
        @Valid @DefaultValue S3 s3,
        @Valid @DefaultValue Gc gc) {

    /** The artifact store's kind. */
    public enum Store { FILESYSTEM, S3 }

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
        if (maxSavedModelSize.toBytes() <= 0 || maxSavedModelSize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "verso.registry.max-saved-model-size must be positive and below 2GB, but was " + maxSavedModelSize);
        }
        if (store == Store.S3 && s3.bucket() == null) {
            throw new IllegalArgumentException("verso.registry.s3.bucket is required when verso.registry.store is s3");
        }
        if (store == Store.S3 && webhooks.secretKey() == null) {
            // A generated key would live on one replica's disk, and the others could not decrypt its secrets.
            throw new IllegalArgumentException("verso.registry.webhooks.secret-key is required when"
                    + " verso.registry.store is s3: replicas share the database and must share its key");
        }
        bootstrapToken = blankAsNull(bootstrapToken);
        podToken = blankAsNull(podToken);
        gatewayToken = blankAsNull(gatewayToken);
    }

    /**
     * The network policy of pod reports: the endpoint a pod credential reports must resolve inside these CIDRs and
     * use one of these ports, because gateways send clients' traffic there. The default admits the private,
     * carrier-grade NAT, unique-local and loopback ranges that cluster, compose and laptop networks use; a
     * deployment narrows it to its pod CIDR and serving port.
     *
     * @param cidrs IPv4 and IPv6 CIDRs (e.g. {@code 10.244.0.0/16})
     * @param ports allowed endpoint ports; empty: any
     */
    public record PodNetwork(
            @DefaultValue({"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
                    "::1/128", "fc00::/7"}) List<String> cidrs,
            @DefaultValue List<Integer> ports) {

        public PodNetwork {
            for (String cidr : cidrs) {
                try {
                    new org.springframework.security.web.util.matcher.IpAddressMatcher(cidr);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("verso.registry.pod-network.cidrs holds '" + cidr
                            + "', which is not an IP address or CIDR", e);
                }
            }
            for (int port : ports) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("verso.registry.pod-network.ports holds " + port
                            + ", which is not a port (1-65535)");
                }
            }
        }
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

    /**
     * The S3 bucket of {@code verso.registry.store=s3}. Credentials come from the AWS SDK's default chain
     * (environment, web identity for IRSA / Workload Identity, profile, instance profile), never from here.
     *
     * @param bucket               bucket name
     * @param prefix               prepended to every archive key ({@code models/}, say); empty: the bucket's root
     * @param endpoint             S3 API endpoint for MinIO, Ceph or GCS ({@code https://storage.googleapis.com});
     *                             unset: AWS's endpoint for the region
     * @param region               signing region; unset: the SDK's region chain ({@code AWS_REGION}, profile...),
     *                             and {@code us-east-1} when that finds none
     * @param pathStyle            path-style requests ({@code endpoint/bucket/key}), which MinIO and Ceph usually need
     * @param partSize             uploads above this go as multipart uploads of parts this size; at least 5MB
     * @param directDownload       hand pods presigned GET URLs in the desired state, so that archives flow from the
     *                             bucket rather than through the registry (pods fall back to the registry)
     * @param presignTtl           how long a presigned URL is valid; at most 7 days (S3's limit)
     * @param stagingDirectory     local directory where uploads are received and hashed before they go to the
     *                             bucket; unset: {@code <artifact-root>/.staging}
     * @param fetchAllowedBuckets  buckets a version may be registered from by {@code s3://} URI; empty: any bucket
     *                             the registry's credentials can read
     */
    public record S3(String bucket, @DefaultValue("") String prefix, java.net.URI endpoint, String region,
                     @DefaultValue("false") boolean pathStyle, @DefaultValue("16MB") DataSize partSize,
                     @DefaultValue("false") boolean directDownload, @DefaultValue("15m") Duration presignTtl,
                     Path stagingDirectory, @DefaultValue List<String> fetchAllowedBuckets) {

        public S3 {
            bucket = bucket == null || bucket.isBlank() ? null : bucket;
            region = region == null || region.isBlank() ? null : region;
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                throw new IllegalArgumentException("verso.registry.s3.prefix must end with '/', but was '" + prefix
                        + "'");
            }
            if (partSize.toBytes() < 5L * 1024 * 1024) {
                throw new IllegalArgumentException("verso.registry.s3.part-size must be at least 5MB (S3's smallest"
                        + " part), but was " + partSize);
            }
            if (presignTtl.isNegative() || presignTtl.isZero() || presignTtl.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("verso.registry.s3.presign-ttl must be positive and at most 7d,"
                        + " but was " + presignTtl);
            }
        }
    }

    /**
     * @param interval time between garbage collection rounds (one replica runs each)
     * @param grace    how old an unreferenced archive, a staging file or an unfinished upload must be before it is
     *                 removed; longer than any upload takes between storing the archive and recording its version
     */
    public record Gc(@DefaultValue("1h") Duration interval, @DefaultValue("1h") Duration grace) {

        public Gc {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("verso.registry.gc.interval must be positive, but was "
                        + interval);
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("verso.registry.gc.grace must not be negative, but was " + grace);
            }
        }
    }

    /** Never prints a token: properties end up in logs and failure reports. */
    @Override
    public String toString() {
        return "RegistryProperties[artifactRoot=" + artifactRoot + ", maxUploadSize=" + maxUploadSize
                + ", maxExpandedSize=" + maxExpandedSize + ", maxArchiveEntries=" + maxArchiveEntries
                + ", maxSavedModelSize=" + maxSavedModelSize
                + ", fetchTimeout=" + fetchTimeout + ", fetchAllowedHosts=" + fetchAllowedHosts
                + ", bootstrapToken=" + masked(bootstrapToken) + ", podToken=" + masked(podToken)
                + ", gatewayToken=" + masked(gatewayToken) + ", retireBootstrapToken=" + retireBootstrapToken
                + ", podNetwork=" + podNetwork
                + ", feed=" + feed + ", analysis=" + analysis + ", webhooks=" + webhooks + ", store=" + store
                + ", s3=" + s3 + ", gc=" + gc + "]";
    }

    // An empty environment variable means "no token", not a token that is the empty string.
    private static String blankAsNull(String token) {
        return token == null || token.isBlank() ? null : token;
    }

    private static String masked(String token) {
        return token == null ? "unset" : "****";
    }
}
