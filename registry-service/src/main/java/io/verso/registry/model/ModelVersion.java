package io.verso.registry.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One immutable version of a model: its archive (by store key and SHA-256), signatures and training metadata.
 * Only the status changes after registration. JSON columns are held as text and mapped by the service with the
 * application's Jackson mapper, so the entity needs no JSON library of Hibernate's choosing.
 */
@Entity
@Table(name = "model_version")
public class ModelVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "model_id", nullable = false, updatable = false)
    private Long modelId;

    @Column(nullable = false, updatable = false)
    private long version;

    @Column(name = "artifact_key", nullable = false, updatable = false)
    private String artifactKey;

    @Column(name = "source_uri", updatable = false)
    private String sourceUri;

    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(nullable = false, updatable = false)
    private String format;

    @Column(columnDefinition = "jsonb", nullable = false, updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String signatures;

    @Column(columnDefinition = "jsonb", nullable = false, updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String metadata;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VersionLifecycle status;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** For JPA only. */
    protected ModelVersion() {
    }

    ModelVersion(Long modelId, long version, String artifactKey, String sourceUri, String sha256, long sizeBytes,
                 String format, String signatures, String metadata, String createdBy) {
        this.modelId = modelId;
        this.version = version;
        this.artifactKey = artifactKey;
        this.sourceUri = sourceUri;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.format = format;
        this.signatures = signatures;
        this.metadata = metadata;
        this.status = VersionLifecycle.READY;
        this.createdBy = createdBy;
    }

    @PrePersist
    void stampCreation() {
        createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getModelId() {
        return modelId;
    }

    public long getVersion() {
        return version;
    }

    public String getArtifactKey() {
        return artifactKey;
    }

    public String getSourceUri() {
        return sourceUri;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public String getFormat() {
        return format;
    }

    public String getSignaturesJson() {
        return signatures;
    }

    public String getMetadataJson() {
        return metadata;
    }

    public VersionLifecycle getStatus() {
        return status;
    }

    void archive() {
        status = VersionLifecycle.ARCHIVED;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
