package io.verso.registry.model;

import io.verso.contracts.TrainingMetadata;
import io.verso.registry.model.artifact.SignatureInfo;
import java.time.Instant;
import java.util.List;

/**
 * A version as the API shows it.
 *
 * @param artifactPath where its archive is downloaded, relative to the registry's base URL
 * @param sourceUri    where it was fetched from when registered by URI; {@code null} for uploads
 * @param signatures   the serving signatures read from its {@code saved_model.pb}
 */
public record VersionView(String model, long version, VersionLifecycle status, String sha256, long sizeBytes,
                          String format, String artifactPath, String sourceUri, List<SignatureInfo> signatures,
                          TrainingMetadata metadata, String createdBy, Instant createdAt) {

    public static String artifactPath(String model, long version) {
        return "/api/v1/models/" + model + "/versions/" + version + "/artifact";
    }
}
