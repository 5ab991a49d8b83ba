package io.verso.registry.config;

import io.verso.registry.model.ArchiveCollector;
import io.verso.registry.model.artifact.ArchiveInspector;
import io.verso.registry.model.artifact.ArtifactIngestor;
import io.verso.registry.model.artifact.ArtifactStore;
import io.verso.registry.model.artifact.FileSystemArtifactStore;
import io.verso.registry.model.artifact.PendingArchives;
import io.verso.registry.model.artifact.S3ArtifactStore;
import io.verso.registry.model.artifact.S3UriReader;
import io.verso.registry.model.artifact.UriFetcher;
import io.verso.registry.replica.ExclusiveJobs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The artifact store {@code verso.registry.store} names, what reads and writes through it, and its garbage
 * collection. The S3 clients exist only with {@code store=s3}; they take credentials from the SDK's default chain.
 */
@Configuration(proxyBeanMethods = false)
class ArtifactStoreConfiguration {

    @Bean
    @ConditionalOnProperty(name = "verso.registry.store", havingValue = "s3")
    S3Client s3Client(RegistryProperties properties) {
        RegistryProperties.S3 s3 = properties.s3();
        var builder = S3Client.builder().region(region(s3)).forcePathStyle(s3.pathStyle())
                // The archive's SHA-256 is checked end to end; the SDK's newer default checksums (CRC32 on every
                // request) are not understood by every S3-compatible store, so they are only sent when required.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnProperty(name = "verso.registry.store", havingValue = "s3")
    S3Presigner s3Presigner(RegistryProperties properties) {
        RegistryProperties.S3 s3 = properties.s3();
        var builder = S3Presigner.builder().region(region(s3))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    @Bean
    ArtifactStore artifactStore(RegistryProperties properties, ObjectProvider<S3Client> s3Client,
                                ObjectProvider<S3Presigner> presigner) {
        if (properties.store() == RegistryProperties.Store.FILESYSTEM) {
            return new FileSystemArtifactStore(properties.artifactRoot());
        }
        RegistryProperties.S3 s3 = properties.s3();
        Path staging = s3.stagingDirectory() != null ? s3.stagingDirectory()
                : properties.artifactRoot().resolve(".staging");
        return new S3ArtifactStore(s3Client.getObject(), presigner.getObject(), s3.bucket(), s3.prefix(), staging,
                s3.partSize().toBytes(), s3.directDownload() ? s3.presignTtl() : null);
    }

    @Bean
    ArtifactIngestor artifactIngestor(ArtifactStore store, PendingArchives pending, RegistryProperties properties) {
        return new ArtifactIngestor(store,
                new ArchiveInspector(properties.maxExpandedSize().toBytes(), properties.maxArchiveEntries(),
                        (int) properties.maxSavedModelSize().toBytes()),
                pending, properties.maxUploadSize().toBytes());
    }

    @Bean
    UriFetcher uriFetcher(RegistryProperties properties, ObjectProvider<S3Client> s3Client) {
        return new UriFetcher(properties.fetchTimeout(), properties.fetchAllowedHosts(),
                Optional.ofNullable(s3Client.getIfAvailable())
                        .map(client -> new S3UriReader(client, properties.s3().fetchAllowedBuckets())));
    }

    @Bean
    ArchiveCollector archiveCollector(ArtifactStore store, ExclusiveJobs jobs, JdbcTemplate jdbc,
                                      PlatformTransactionManager transactions, Clock clock,
                                      RegistryProperties properties) {
        return new ArchiveCollector(store, jobs, jdbc, transactions, clock, properties.gc().interval(),
                properties.gc().grace());
    }

    /** The configured region, else the SDK's region chain, else us-east-1 (what MinIO and S3Mock expect). */
    private static Region region(RegistryProperties.S3 s3) {
        if (s3.region() != null) {
            return Region.of(s3.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }
}
