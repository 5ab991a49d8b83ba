package io.verso.registry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The environment variables the Helm chart sets for the object store (helm/verso/templates/registry.yaml) bind to
 * the properties they are meant for, through Spring Boot's relaxed binding of the real environment property source
 * (a dash-separated property such as {@code path-style} is {@code PATHSTYLE} there, not {@code PATH_STYLE}).
 */
class ObjectStoreEnvironmentTest {

    @Test
    void theChartsEnvironmentVariablesConfigureTheS3Store() {
        MutablePropertySources sources = new MutablePropertySources();
        // Named as the real one, which is what gives it the environment's name mapping.
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                "VERSO_REGISTRY_ARTIFACT_ROOT", "/var/lib/verso/artifacts",
                "VERSO_REGISTRY_STORE", "s3",
                "VERSO_REGISTRY_S3_BUCKET", "verso-models",
                "VERSO_REGISTRY_S3_PREFIX", "prod/",
                "VERSO_REGISTRY_S3_ENDPOINT", "http://minio.storage.svc:9000",
                "VERSO_REGISTRY_S3_REGION", "eu-west-1",
                "VERSO_REGISTRY_S3_PATHSTYLE", "true",
                "VERSO_REGISTRY_S3_DIRECTDOWNLOAD", "true",
                "VERSO_REGISTRY_S3_PRESIGNTTL", "10m",
                // The chart's VERSO_REGISTRY_WEBHOOK_KEY reaches this property through application.yml.
                "VERSO_REGISTRY_WEBHOOKS_SECRETKEY", "a-passphrase-of-20-chars")));

        RegistryProperties properties = new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("verso.registry", RegistryProperties.class);

        assertThat(properties.store()).isEqualTo(RegistryProperties.Store.S3);
        assertThat(properties.s3()).isEqualTo(new RegistryProperties.S3("verso-models", "prod/",
                URI.create("http://minio.storage.svc:9000"), "eu-west-1", true, DataSize.ofMegabytes(16), true,
                Duration.ofMinutes(10), null, List.of()));
    }
}
