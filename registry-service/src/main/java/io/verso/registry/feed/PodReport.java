package io.verso.registry.feed;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The latest report of one pod. Kept in PostgreSQL rather than in memory so that every registry replica builds the
 * same routing table; a report replaces the previous one of the pod.
 */
@Entity
@Table(name = "pod_status")
class PodReport {

    @Id
    @Column(name = "pod_id")
    private String podId;

    @Column(nullable = false)
    private String endpoint;

    /** The reported {@code VersionStatus} list as JSON. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String versions;

    @Column(name = "reported_at", nullable = false)
    private Instant reportedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected PodReport() {
    }

    PodReport(String podId) {
        this.podId = podId;
    }

    void update(String endpoint, String versionsJson, Instant now, Instant expiresAt) {
        this.endpoint = endpoint;
        this.versions = versionsJson;
        this.reportedAt = now;
        this.expiresAt = expiresAt;
    }

    boolean isExpired(Instant now) {
        return expiresAt == null || !expiresAt.isAfter(now);
    }

    String getPodId() {
        return podId;
    }

    String getEndpoint() {
        return endpoint;
    }

    String getVersionsJson() {
        return versions;
    }
}
