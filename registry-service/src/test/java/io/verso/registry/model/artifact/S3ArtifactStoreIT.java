package io.verso.registry.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.artifact.ArchiveDigest;
import io.verso.artifact.ArchiveFormat;
import io.verso.registry.testsupport.S3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link S3ArtifactStore} against a real S3-compatible server ({@link S3Server}): multipart above the part size and
 * one PUT below it, listing, deletion, presigned ranged reads, and the clean-up of what crashed uploads leave.
 */
class S3ArtifactStoreIT {

    private static final long PART = S3ArtifactStore.MIN_PART_SIZE;

    @TempDir
    Path staging;

    S3Server server = S3Server.shared();
    S3Client s3;
    S3Presigner presigner;
    String bucket;
    S3ArtifactStore store;

    @BeforeEach
    void setUp() {
        s3 = server.client();
        presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        bucket = server.newBucket("store");
        store = new S3ArtifactStore(s3, presigner, bucket, "models/", staging, PART, Duration.ofMinutes(5));
    }

    @AfterEach
    void tearDown() {
        presigner.close();
        s3.close();
    }

    @Test
    void publishesAboveThePartSizeAsAMultipartUploadAndReadsItBack() throws IOException {
        byte[] archive = random(2 * PART + 12_345);

        String key = publish(archive, ArchiveFormat.ZIP);

        assertThat(key).isEqualTo(ArtifactStore.keyOf(ArchiveDigest.of(archive), ArchiveFormat.ZIP));
        // S3 gives an object assembled from parts an ETag of "<hash>-<part count>".
        assertThat(s3.headObject(b -> b.bucket(bucket).key("models/" + key)).eTag()).endsWith("-3\"");
        var resource = store.open(key).orElseThrow();
        assertThat(resource.contentLength()).isEqualTo(archive.length);
        try (InputStream in = resource.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(archive);
        }
        try (var files = Files.list(staging)) {
            assertThat(files).as("the staging copy is gone once published").isEmpty();
        }
    }

    @Test
    void publishesASmallArchiveInOnePutAndAgainWithoutHarm() throws IOException {
        byte[] archive = random(10_000);

        String first = publish(archive, ArchiveFormat.TAR_GZ);
        String second = publish(archive, ArchiveFormat.TAR_GZ);

        assertThat(second).isEqualTo(first).endsWith(".tar.gz");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("models/" + first)).eTag()).doesNotContain("-");
        assertThat(archives()).extracting(StoredArchive::key).containsExactly(first);
    }

    @Test
    void presignedUrlsServeRangesWithoutCredentials() throws Exception {
        byte[] archive = random(50_000);
        String key = publish(archive, ArchiveFormat.ZIP);

        URI url = store.directUrl(key).orElseThrow();
        HttpResponse<byte[]> range = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("Range", "bytes=1000-1999").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(url.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");
        assertThat(url.getPath()).isEqualTo("/" + bucket + "/models/" + key);
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(archive, 1000, 2000));
        assertThat(new S3ArtifactStore(s3, presigner, bucket, "models/", staging, PART, null).directUrl(key))
                .as("no presign TTL: no direct URLs").isEmpty();
    }

    @Test
    void listsAndDeletesArchivesButNothingElseInTheBucket() throws IOException {
        String kept = publish(random(1000), ArchiveFormat.ZIP);
        String gone = publish(random(1001), ArchiveFormat.ZIP);
        s3.putObject(b -> b.bucket(bucket).key("models/README"), software.amazon.awssdk.core.sync.RequestBody
                .fromString("not an archive"));

        store.delete(gone);
        store.delete("../README");

        assertThat(archives()).extracting(StoredArchive::key).containsExactly(kept);
        assertThat(store.open(gone)).isEmpty();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("models/README")).contentLength()).isPositive();
    }

    @Test
    void sweepsStagingFilesAndUnfinishedMultipartUploadsOlderThanTheCutoff() throws IOException {
        Path crashed = Files.writeString(staging.resolve("upload-1.part"), "half an upload");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minusSeconds(3600)));
        Path current = Files.writeString(staging.resolve("upload-2.part"), "an upload in progress");
        String key = "models/" + ArtifactStore.keyOf("ab".repeat(32), ArchiveFormat.ZIP);
        s3.createMultipartUpload(b -> b.bucket(bucket).key(key));

        assertThat(store.sweepStaging(Instant.now().minusSeconds(60))).as("nothing is old enough but the file")
                .isEqualTo(1);
        assertThat(store.sweepStaging(Instant.now().plusSeconds(60))).isEqualTo(2);

        assertThat(crashed).doesNotExist();
        assertThat(current).doesNotExist();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    private String publish(byte[] archive, ArchiveFormat format) throws IOException {
        StagedArtifact staged = store.stage(new ByteArrayInputStream(archive), Long.MAX_VALUE);
        return store.commit(staged, format);
    }

    private List<StoredArchive> archives() throws IOException {
        List<StoredArchive> all = new ArrayList<>();
        store.forEachArchive(all::add);
        return all;
    }

    private static byte[] random(long size) {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
