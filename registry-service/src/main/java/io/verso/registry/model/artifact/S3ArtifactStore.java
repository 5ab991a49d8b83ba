package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.io.input.BoundedInputStream;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Archives in an S3 bucket (AWS S3, GCS's S3 API, MinIO, Ceph) under {@code <prefix><content key>}, so that several
 * registry replicas share them. Uploads are received and hashed in a local {@link LocalStaging} directory, then
 * published from that file: in one PUT up to {@code partSize}, as a multipart upload above it (parts streamed from
 * the file, never a whole archive in memory; an upload that fails is aborted). Objects are only ever written whole
 * under their content key, so a reader never sees half an archive.
 *
 * <p>Downloads through the registry stream the object ({@link #open}); with a presign TTL, pods may instead read it
 * with a presigned GET ({@link #directUrl}). The registry's credentials come from the SDK's default chain.
 */
public final class S3ArtifactStore implements ArtifactStore {

    /** S3 refuses parts under 5 MiB (except the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final LocalStaging staging;
    private final long partSize;
    private final Duration presignTtl;

    /**
     * @param prefix         prepended to every content key ({@code ""} or ending in {@code /}), so one bucket can
     *                       hold other things
     * @param partSize       multipart threshold and part size, at least {@link #MIN_PART_SIZE}
     * @param presignTtl     how long the presigned URLs of {@link #directUrl} are valid; {@code null}: none are
     *                       handed out
     */
    public S3ArtifactStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, Path stagingDirectory,
                           long partSize, Duration presignTtl) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at least 5MB, but was " + partSize + " bytes");
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.staging = new LocalStaging(stagingDirectory);
        this.partSize = partSize;
        this.presignTtl = presignTtl;
    }

    @Override
    public StagedArtifact stage(InputStream content, long maxBytes) throws IOException {
        return staging.receive(content, maxBytes);
    }

    @Override
    public String commit(StagedArtifact staged, ArchiveFormat format) throws IOException {
        String key = ArtifactStore.keyOf(staged.sha256(), format);
        // Always written, even when the object exists: equal bytes, and the write renews its last-modified time.
        try {
            if (staged.sizeBytes() <= partSize) {
                s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType(format.mediaType()),
                        RequestBody.fromFile(staged.file()));
            } else {
                uploadInParts(staged.file(), staged.sizeBytes(), prefix + key, format);
            }
        } catch (SdkException e) {
            throw new IOException("could not write s3://" + bucket + "/" + prefix + key + ": " + e.getMessage(), e);
        }
        staging.discard(staged);
        return key;
    }

    private void uploadInParts(Path file, long size, String objectKey, ArchiveFormat format) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)
                .contentType(format.mediaType())).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                int number = parts.size() + 1;
                long length = Math.min(partSize, size - offset);
                long from = offset;
                // A provider, not one stream: the SDK reopens the part from the file when it retries.
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(number).contentLength(length), RequestBody.fromContentProvider(
                        () -> part(file, from, length), length, format.mediaType())).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort); // left for sweepStaging
            }
            throw e;
        }
    }

    private static InputStream part(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void discard(StagedArtifact staged) {
        staging.discard(staged);
    }

    @Override
    public Optional<Resource> open(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new ObjectResource(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<URI> directUrl(String key) {
        if (presignTtl == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        return Optional.of(URI.create(presigner.presignGetObject(p -> p.signatureDuration(presignTtl)
                .getObjectRequest(g -> g.bucket(bucket).key(prefix + key))).url().toString()));
    }

    @Override
    public void forEachArchive(Consumer<StoredArchive> each) {
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "sha256/"))
                .contents()) {
            String key = object.key().substring(prefix.length());
            if (KEY.matcher(key).matches()) {
                each.accept(new StoredArchive(key, object.lastModified()));
            }
        }
    }

    @Override
    public void delete(String key) {
        if (KEY.matcher(key).matches()) {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        }
    }

    @Override
    public int sweepStaging(Instant cutoff) throws IOException {
        int removed = staging.sweep(cutoff);
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)
                .prefix(prefix + "sha256/")).uploads()) {
            if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                removed++;
            }
        }
        return removed;
    }

    /**
     * One object as a Spring {@link Resource}: Spring MVC serves ranges of it by skipping into the stream, and
     * a HEAD-known length answers {@code Content-Length} without reading it.
     */
    private final class ObjectResource extends AbstractResource {

        private final String key;
        private final long length;
        private final Instant lastModified;

        private ObjectResource(String key, long length, Instant lastModified) {
            this.key = key;
            this.length = length;
            this.lastModified = lastModified;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return s3.getObject(b -> b.bucket(bucket).key(prefix + key));
            } catch (SdkException e) {
                throw new IOException("could not read s3://" + bucket + "/" + prefix + key + ": " + e.getMessage(),
                        e);
            }
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public long lastModified() {
            return lastModified == null ? 0 : lastModified.toEpochMilli();
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public String getFilename() {
            return key.substring(key.lastIndexOf('/') + 1);
        }

        @Override
        public String getDescription() {
            return "archive s3://" + bucket + "/" + prefix + key;
        }
    }
}
