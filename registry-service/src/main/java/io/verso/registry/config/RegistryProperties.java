package io.verso.registry.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code verso.registry}, checked when the service starts.
 *
 * @param artifactRoot   directory that holds the content-addressed model archives
 * @param maxUploadSize  largest archive an upload may carry; must be positive
 * @param bootstrapToken first admin token ({@code VERSO_REGISTRY_BOOTSTRAP_TOKEN}); {@code null} when unset or blank
 */
@Validated
@ConfigurationProperties(prefix = "verso.registry")
public record RegistryProperties(
        @NotNull Path artifactRoot,
        @DefaultValue("2GB") DataSize maxUploadSize,
        String bootstrapToken) {

    public RegistryProperties {
        // Bean Validation has no constraint for DataSize; checking here fails the binding, and the
        // message names the property because that is what an operator searches their config for.
        if (maxUploadSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "verso.registry.max-upload-size must be positive, but was " + maxUploadSize);
        }
        // An empty environment variable means "no token", not a token that is the empty string.
        if (bootstrapToken != null && bootstrapToken.isBlank()) {
            bootstrapToken = null;
        }
    }

    /** Never prints the token: properties end up in logs and failure reports. */
    @Override
    public String toString() {
        return "RegistryProperties[artifactRoot=" + artifactRoot + ", maxUploadSize=" + maxUploadSize
                + ", bootstrapToken=" + (bootstrapToken == null ? "unset" : "****") + "]";
    }
}
