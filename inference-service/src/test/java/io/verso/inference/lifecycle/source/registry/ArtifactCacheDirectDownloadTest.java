package io.verso.inference.lifecycle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.artifact.ArchiveDigest;
import io.verso.artifact.SafeArchiveExtractor;
import io.verso.contracts.DesiredVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod's download of a version that the desired state offers at a presigned object-store URL, over real HTTP: the
 * archive comes from the bucket without the machine token, and from the registry when the bucket fails or serves
 * other bytes; the sha256 decides either way. (The registry side, presigning against an S3 server, is
 * registry-service's ObjectStoreReplicasIT.)
 */
class ArtifactCacheDirectDownloadTest {

    @TempDir
    Path cacheRoot;

    FakeRegistry registry;
    HttpServer bucket;
    /** What the bucket answers: status and body. */
    volatile int bucketStatus = 200;
    volatile byte[] bucketBytes;
    final List<String> bucketAuthorizations = new CopyOnWriteArrayList<>();
    ArtifactCache cache;

    @BeforeEach
    void start() throws IOException {
        registry = FakeRegistry.start();
        bucket = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bucket.createContext("/bucket/", exchange -> {
            bucketAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = bucketStatus == 200 ? bucketBytes : "<Error><Code>AccessDenied</Code></Error>".getBytes();
            exchange.sendResponseHeaders(bucketStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bucket.start();
        cache = new ArtifactCache(cacheRoot, new RegistryClient(registry.uri(), FakeRegistry.TOKEN,
                Duration.ofSeconds(5)), new SafeArchiveExtractor(100_000_000, 10_000),
                new SyncMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        registry.close();
        bucket.stop(0);
    }

    @Test
    void downloadsFromTheBucketWithoutTheMachineToken() throws Exception {
        byte[] archive = FakeRegistry.archive("direct");
        registry.artifact("a", archive);
        bucketBytes = archive;

        Path model = cache.modelDirectory(version(archive));

        assertThat(model.resolve("saved_model.pb")).isRegularFile();
        assertThat(bucketAuthorizations).containsExactly("null");
        assertThat(registry.artifactDownloads).hasValue(0);
    }

    @Test
    void fallsBackToTheRegistryWhenTheUrlIsRefused() throws Exception {
        byte[] archive = FakeRegistry.archive("expired");
        registry.artifact("a", archive);
        bucketStatus = 403;

        assertThat(cache.modelDirectory(version(archive)).resolve("saved_model.pb")).isRegularFile();
        assertThat(bucketAuthorizations).hasSize(1);
        assertThat(registry.artifactDownloads).hasValue(1);
    }

    @Test
    void fallsBackToTheRegistryWhenTheBucketServesOtherBytes() throws Exception {
        byte[] archive = FakeRegistry.archive("right");
        registry.artifact("a", archive);
        bucketBytes = FakeRegistry.archive("wrong");

        Path model = cache.modelDirectory(version(archive));

        assertThat(Files.readString(model.resolve("assets.extra/marker"))).isEqualTo("right");
        assertThat(registry.artifactDownloads).hasValue(1);
    }

    @Test
    void refusesWhenNeitherSourceServesTheRegisteredBytes() {
        byte[] archive = FakeRegistry.archive("registered");
        byte[] other = FakeRegistry.archive("other");
        registry.artifact("a", other);
        bucketBytes = other;

        assertThatThrownBy(() -> cache.modelDirectory(version(archive)))
                .isInstanceOf(ArtifactRejectedException.class).hasMessageContaining("differs from the registered");
        assertThat(cache.contains(version(archive))).isFalse();
    }

    private DesiredVersion version(byte[] archive) {
        return new DesiredVersion(1, Set.of(), "/artifacts/a", ArchiveDigest.of(archive), archive.length, "TAR_GZ",
                Map.of(), "http://127.0.0.1:" + bucket.getAddress().getPort() + "/bucket/a?X-Amz-Signature=abc");
    }
}
