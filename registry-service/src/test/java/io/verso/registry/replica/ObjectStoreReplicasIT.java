package io.verso.registry.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.artifact.ArchiveDigest;
import io.verso.artifact.ArchiveFormat;
import io.verso.registry.RegistryApplication;
import io.verso.registry.model.ArchiveCollector;
import io.verso.registry.model.artifact.ArtifactStore;
import io.verso.registry.testsupport.Archives;
import io.verso.registry.testsupport.PostgresInitializer;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import io.verso.registry.testsupport.S3Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Two registry replicas, A and B, on this run's database and one bucket of a real S3-compatible server
 * ({@link S3Server}): what one stores the other serves, pods may read archives straight from the bucket, versions
 * can be registered from {@code s3://} URIs, and garbage collection runs on one replica at a time and never takes an
 * archive a version references or an upload is about to reference.
 *
 * <p>The inherited helpers ({@code upload}, {@code newModel}, tokens) talk to replica A.
 */
class ObjectStoreReplicasIT extends RegistryHttpTest {

    /** Long enough for an upload's mark-to-version window, short enough to wait out in a test. */
    private static final long GRACE_MILLIS = 1500;

    private static String bucket;
    private static String incoming;
    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;
    private static S3Client s3;

    private RestClient a;
    private RestClient b;

    @BeforeAll
    static void startReplicas() {
        S3Server server = S3Server.shared();
        s3 = server.client();
        bucket = server.newBucket("artifacts");
        incoming = server.newBucket("incoming");
        replicaA = startReplica(server, "a");
        replicaB = startReplica(server, "b");
    }

    private static ConfigurableApplicationContext startReplica(S3Server server, String name) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--verso.registry.artifact-root=" + ARTIFACTS.resolveSibling("replica-" + name),
                "--verso.registry.bootstrap-token=" + ADMIN_TOKEN,
                "--verso.registry.max-upload-size=" + MAX_UPLOAD,
                "--verso.registry.webhooks.secret-key=replicas-share-this-key",
                // Deliveries of other test classes' webhooks (encrypted with the default registry's key) stay theirs.
                "--verso.registry.webhooks.poll-interval=1h",
                "--verso.registry.s3.direct-download=true",
                "--verso.registry.s3.presign-ttl=2m",
                "--verso.registry.s3.part-size=5MB",
                "--verso.registry.s3.fetch-allowed-buckets=" + incoming,
                "--verso.registry.gc.grace=" + GRACE_MILLIS + "ms"));
        args.addAll(server.registryProperties(bucket));
        return new SpringApplicationBuilder(RegistryApplication.class).initializers(new PostgresInitializer())
                .run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopReplicas() {
        Stream.of(replicaA, replicaB).filter(r -> r != null).forEach(ConfigurableApplicationContext::close);
        s3.close();
    }

    @BeforeEach
    void connectToReplicas() {
        a = client(replicaA);
        b = client(replicaB);
        http = a;
    }

    @Test
    void anArchiveUploadedToOneReplicaIsServedByTheOtherWithRanges() {
        String model = newModel();
        byte[] archive = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        String sha = ArchiveDigest.of(archive);
        Reply uploaded = upload(token("deployer"), model, archive, "m.tar.gz", sha, null);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String path = "/api/v1/models/" + model + "/versions/" + uploaded.json().get("version").asLong()
                + "/artifact";

        Reply whole = call(b, token("machine"), HttpMethod.GET, path, null, h -> { });
        Reply range = call(b, token("machine"), HttpMethod.GET, path, null, h -> h.set("Range", "bytes=10-109"));

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(archive);
        assertThat(whole.etag()).isEqualTo("\"" + sha + "\"");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(archive, 10, 110));
        String key = ArtifactStore.keyOf(sha, ArchiveFormat.TAR_GZ);
        assertThat(s3.headObject(h -> h.bucket(bucket).key(key)).contentLength()).isEqualTo(archive.length);
    }

    @Test
    void theDesiredStateOffersPresignedUrlsThatServeTheArchiveFromTheBucket() throws Exception {
        String model = newModel();
        byte[] archive = Archives.zip(Archives.fixture("saved_model_half_plus_two_cpu"));
        Reply uploaded = upload(token("deployer"), model, archive, "m.zip", null, null);
        long version = uploaded.json().get("version").asLong();
        Reply promoted = post(token("deployer"), "/api/v1/models/" + model + "/deployment/promote",
                "{\"version\":" + version + "}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);

        Reply first = call(b, token("machine"), HttpMethod.GET, "/api/v1/feed/desired-state", null, h -> { });
        JsonNode held = versionIn(first.json(), model);
        URI direct = URI.create(held.get("directUrl").asString());
        HttpResponse<byte[]> fromBucket = HttpClient.newHttpClient().send(HttpRequest.newBuilder(direct).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        Reply second = call(a, token("machine"), HttpMethod.GET, "/api/v1/feed/desired-state", null, h -> { });

        assertThat(direct.getPath()).isEqualTo("/" + bucket + "/" + ArtifactStore.keyOf(ArchiveDigest.of(archive),
                ArchiveFormat.ZIP));
        assertThat(direct.getQuery()).contains("X-Amz-Expires=120", "X-Amz-Signature=");
        assertThat(fromBucket.statusCode()).isEqualTo(200);
        assertThat(fromBucket.body()).isEqualTo(archive);
        assertThat(held.get("artifactUrl").asString()).endsWith("/api/v1/models/" + model + "/versions/" + version
                + "/artifact");
        assertThat(second.etag()).as("fresh URLs do not change the revision").isEqualTo(first.etag());
    }

    @Test
    void registersAVersionFromAnS3UriWithTheRegistrysCredentials() {
        String model = newModel();
        byte[] archive = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        s3.putObject(p -> p.bucket(incoming).key("teams/vision/model.tar.gz"), RequestBody.fromBytes(archive));
        String versions = "/api/v1/models/" + model + "/versions";

        Reply registered = call(b, token("deployer"), HttpMethod.POST, versions,
                "{\"artifactUri\":\"s3://" + incoming + "/teams/vision/model.tar.gz\"}", h -> { });
        Reply missing = call(b, token("deployer"), HttpMethod.POST, versions,
                "{\"artifactUri\":\"s3://" + incoming + "/nothing-here.tar.gz\"}", h -> { });
        Reply otherBucket = call(b, token("deployer"), HttpMethod.POST, versions,
                "{\"artifactUri\":\"s3://" + bucket + "/anything.tar.gz\"}", h -> { });
        Reply address = call(b, token("deployer"), HttpMethod.POST, versions,
                "{\"artifactUri\":\"s3://169.254.169.254/latest/meta-data\"}", h -> { });
        s3.putObject(p -> p.bucket(incoming).key("not-a-model.tar.gz"), RequestBody.fromString("plain text"));
        Reply notAnArchive = call(b, token("deployer"), HttpMethod.POST, versions,
                "{\"artifactUri\":\"s3://" + incoming + "/not-a-model.tar.gz\"}", h -> { });

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("sha256").asString()).isEqualTo(ArchiveDigest.of(archive));
        assertThat(registered.json().get("sourceUri").asString()).startsWith("s3://" + incoming + "/");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.at("/detail")).contains("answered HTTP 404");
        assertThat(otherBucket.status()).isEqualTo(400);
        assertThat(otherBucket.at("/detail")).isEqualTo("bucket '" + bucket
                + "' is not in verso.registry.s3.fetch-allowed-buckets");
        assertThat(address.status()).isEqualTo(400);
        assertThat(address.at("/detail")).startsWith("artifactUri must name a valid S3 bucket");
        assertThat(notAnArchive.status()).isEqualTo(400);
        assertThat(notAnArchive.at("/detail")).contains("neither a gzip-compressed tar");
    }

    @Test
    void garbageCollectionDeletesOnlyUnreferencedArchivesOnOneReplicaAtATime() throws Exception {
        String model = newModel();
        byte[] referenced = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        assertThat(upload(token("deployer"), model, referenced, "m.tar.gz", null, null).status()).isEqualTo(201);
        // What a registry that crashed between storing an archive and recording its version leaves behind.
        String orphan = ArtifactStore.keyOf("0f".repeat(32), ArchiveFormat.ZIP);
        s3.putObject(p -> p.bucket(bucket).key(orphan), RequestBody.fromString("orphaned archive"));
        ArchiveCollector onA = replicaA.getBean(ArchiveCollector.class);
        ArchiveCollector onB = replicaB.getBean(ArchiveCollector.class);

        assertThat(onB.collect().archives()).as("nothing is older than the grace period yet").isZero();
        Thread.sleep(GRACE_MILLIS + 200);
        // While another replica holds the round's lock, a replica skips the round.
        TransactionTemplate transaction = new TransactionTemplate(replicaA.getBean(PlatformTransactionManager.class));
        ArchiveCollector.Round skipped = transaction.execute(status -> {
            replicaA.getBean(JdbcTemplate.class).queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext('verso.job.archive-gc')::bigint)", Boolean.class);
            return CompletableFuture.supplyAsync(onB::collect).join();
        });
        ArchiveCollector.Round round = onA.collect();

        assertThat(skipped).isNull();
        assertThat(round.archives()).isEqualTo(1);
        assertThat(keys()).doesNotContain(orphan)
                .contains(ArtifactStore.keyOf(ArchiveDigest.of(referenced), ArchiveFormat.TAR_GZ));
    }

    /**
     * Uploads on A of archives whose bytes already lie unreferenced in the bucket (a crash's leftovers, older than
     * the grace period, so garbage collection wants them) while B collects in a loop: every upload's version must
     * still download, on either replica.
     */
    @Test
    void concurrentUploadsAndGarbageCollectionNeverLoseAReferencedArchive() throws Exception {
        String model = newModel();
        List<byte[]> archives = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] archive = Archives.builder().tree(Archives.fixture("saved_model_half_plus_two_cpu"), "")
                    .file("assets.extra/n", "orphan " + i + " " + model).tarGz();
            archives.add(archive);
            s3.putObject(p -> p.bucket(bucket).key(ArtifactStore.keyOf(ArchiveDigest.of(archive),
                    ArchiveFormat.TAR_GZ)), RequestBody.fromBytes(archive));
        }
        Thread.sleep(GRACE_MILLIS + 200);
        ArchiveCollector onB = replicaB.getBean(ArchiveCollector.class);
        AtomicBoolean uploading = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        CompletableFuture<Void> collecting = CompletableFuture.runAsync(() -> {
            while (uploading.get()) {
                if (onB.collect() != null) {
                    rounds.incrementAndGet();
                }
            }
        });
        Map<Long, byte[]> versions = new LinkedHashMap<>();
        try {
            for (byte[] archive : archives) {
                Reply uploaded = upload(token("deployer"), model, archive, "m.tar.gz", null, null);
                assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
                versions.put(uploaded.json().get("version").asLong(), archive);
            }
        } finally {
            uploading.set(false);
            collecting.join();
        }
        assertThat(onB.collect().archives()).as("a last round after the uploads").isZero();

        assertThat(rounds.get()).as("collection rounds beside the uploads").isPositive();
        versions.forEach((version, archive) -> {
            Reply download = call(b, token("machine"), HttpMethod.GET, "/api/v1/models/" + model + "/versions/"
                    + version + "/artifact", null, h -> { });
            assertThat(download.status()).as("version " + version).isEqualTo(200);
            assertThat(download.body()).isEqualTo(archive);
        });
        assertThat(jdbc.queryForObject("select count(*) from pending_archive", Long.class))
                .as("every mark was resolved by its version").isZero();
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static JsonNode versionIn(JsonNode desired, String model) {
        return desired.get("models").valueStream().filter(m -> m.get("model").asString().equals(model))
                .findFirst().orElseThrow(() -> new AssertionError(model + " not in " + desired))
                .get("versions").get(0);
    }

    private static RestClient client(ConfigurableApplicationContext replica) {
        return RestClient.create("http://127.0.0.1:"
                + replica.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
