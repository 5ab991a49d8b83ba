package io.verso.registry.model;

import io.verso.contracts.TrainingMetadata;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/**
 * JSON body of {@code POST /api/v1/models/{model}/versions} that registers an archive by URI instead of uploading
 * it: the registry fetches it (http or https), checks it like an upload and stores it.
 *
 * @param artifactUri where the {@code .tar.gz} or {@code .zip} archive is
 * @param sha256      its hex SHA-256, checked when given
 * @param metadata    training metadata
 */
public record UriRegistration(@NotBlank(message = "is required") String artifactUri, String sha256,
                              @Valid TrainingMetadata metadata) {
}
