package io.verso.contracts;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One version a pod must hold, and where to get it.
 *
 * @param version     version number, positive and increasing per model
 * @param roles       why the pod holds it: {@link VersionRole#STABLE}, {@link VersionRole#CANARY},
 *                    {@link VersionRole#PREVIOUS_STABLE} (kept loaded so that a rollback is a routing change, not
 *                    a load) and/or {@link VersionRole#LABELED}, in that order
 * @param artifactUrl absolute URL of the archive; fetch it with the pod's machine token
 *                    ({@code Authorization: Bearer ...}); it supports {@code Range} and {@code If-None-Match}
 * @param sha256      lowercase hex SHA-256 of the archive bytes; a pod must refuse an archive that does not match
 * @param sizeBytes   archive size in bytes
 * @param format      archive format: {@code TAR_GZ} or {@code ZIP}. The archive holds {@code saved_model.pb}
 *                    either at its root or inside its single top-level directory
 * @param features    input feature name → its training baseline, for skew and drift monitoring; empty when the
 *                    version was registered without one
 * @param directUrl   a short-lived presigned URL of the same archive in the registry's object store, fetched
 *                    without any token; {@code null} unless the registry hands them out. A pod tries it first and
 *                    falls back to {@code artifactUrl}; the sha256 is checked either way. Not part of the revision:
 *                    each answer carries fresh URLs
 */
public record DesiredVersion(long version, Set<VersionRole> roles, String artifactUrl, String sha256, long sizeBytes,
                             String format, Map<String, FeatureBaseline> features, String directUrl) {

    /** A version downloaded through the registry only. */
    public DesiredVersion(long version, Set<VersionRole> roles, String artifactUrl, String sha256, long sizeBytes,
                          String format, Map<String, FeatureBaseline> features) {
        this(version, roles, artifactUrl, sha256, sizeBytes, format, features, null);
    }

    public DesiredVersion {
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        Objects.requireNonNull(artifactUrl, "artifactUrl");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(format, "format");
        features = features == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(features));
    }
}
