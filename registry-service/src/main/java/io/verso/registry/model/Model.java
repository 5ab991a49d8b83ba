package io.verso.registry.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A named model that versions will belong to. The name is unique and restricted to
 * {@link io.verso.contracts.ModelNames#NAME_PATTERN} by the database too (V1 migration), because it appears in
 * URLs and file paths; the database is the one place that rule cannot be bypassed.
 */
@Entity
@Table(name = "model")
public class Model {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    private String description;

    private String owner;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    /** Highest version number handed out; incremented under a row lock, so numbers never repeat. */
    @Column(name = "last_version", nullable = false)
    private long lastVersion;

    /** For JPA only. */
    protected Model() {
    }

    public Model(String name, String description, String owner) {
        this.name = name;
        this.description = description;
        this.owner = owner;
    }

    @PrePersist
    void stampCreation() {
        createdAt = Instant.now();
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** {@code null} until the model is first changed after creation. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    public Instant getArchivedAt() {
        return archivedAt;
    }

    public void archive() {
        if (archivedAt == null) {
            archivedAt = Instant.now();
        }
    }

    public long getLastVersion() {
        return lastVersion;
    }

    /** The next version number; callers must hold the row lock ({@link ModelRepository#lockByName}). */
    long allocateVersion() {
        return ++lastVersion;
    }
}
