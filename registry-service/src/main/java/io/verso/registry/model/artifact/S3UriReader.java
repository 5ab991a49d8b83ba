package io.verso.registry.model.artifact;

import io.verso.registry.error.RegistryException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens {@code s3://bucket/key} for registration by URI, with the registry's own credentials and S3 endpoint: a
 * deployer names an object, never a host, so the request can only go to the configured endpoint. The bucket must
 * be a valid S3 bucket name (which also keeps it from smuggling a host or an address into a virtual-hosted-style
 * request) and, when {@code verso.registry.s3.fetch-allowed-buckets} is set, one of those.
 */
public final class S3UriReader {

    /** S3's bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_LIKE = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final String FIELD = "artifactUri";

    private final S3Client s3;
    private final List<String> allowedBuckets;

    /** @param allowedBuckets buckets that may be read; empty: any the credentials can read */
    public S3UriReader(S3Client s3, List<String> allowedBuckets) {
        this.s3 = s3;
        this.allowedBuckets = List.copyOf(allowedBuckets);
    }

    /** The object's bytes, to be read to their end (and closed) by the caller. */
    public InputStream open(URI uri) {
        String bucket = uri.getAuthority();
        String key = uri.getPath() == null || uri.getPath().length() < 2 ? null : uri.getPath().substring(1);
        if (bucket == null || !BUCKET.matcher(bucket).matches() || IP_LIKE.matcher(bucket).matches()
                || bucket.contains("..")) {
            throw RegistryException.invalid(FIELD, FIELD + " must name a valid S3 bucket (s3://bucket/key), but was '"
                    + uri + "'");
        }
        if (key == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw RegistryException.invalid(FIELD, FIELD + " must name an object (s3://bucket/key, no query), but"
                    + " was '" + uri + "'");
        }
        if (!allowedBuckets.isEmpty() && !allowedBuckets.contains(bucket)) {
            throw RegistryException.invalid(FIELD, "bucket '" + bucket + "' is not in"
                    + " verso.registry.s3.fetch-allowed-buckets");
        }
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw RegistryException.invalid(FIELD, "reading " + uri + " answered HTTP " + e.statusCode() + " ("
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()) + ")");
        } catch (SdkException e) {
            throw RegistryException.invalid(FIELD, "could not read " + uri + ": " + e.getMessage());
        }
    }
}
