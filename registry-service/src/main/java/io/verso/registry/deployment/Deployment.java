package io.verso.registry.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The deployment row of one model. {@link #revision} is the JPA {@code @Version}: every transition updates the
 * row with {@code WHERE revision = <the one read>}, so of two concurrent transitions exactly one commits and the
 * other fails with an optimistic locking error; clients see it as the ETag and send it back in {@code If-Match}.
 */
@Entity
@Table(name = "deployment")
class Deployment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "model_id", nullable = false, updatable = false)
    private Long modelId;

    @Column(name = "stable_version")
    private Long stableVersion;

    @Column(name = "canary_version")
    private Long canaryVersion;

    @Column(name = "previous_stable_version")
    private Long previousStableVersion;

    @Column(name = "canary_weight", nullable = false)
    private int canaryWeight;

    /** Custom labels as a JSON object; mapped by the service with the application's Jackson mapper. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String labels;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeploymentState state;

    @Version
    @Column(nullable = false)
    private long revision;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Deployment() {
    }

    Deployment(Long modelId) {
        this.modelId = modelId;
        this.labels = "{}";
        this.state = DeploymentState.EMPTY;
    }

    void apply(DeploymentRouting next, String labelsJson) {
        stableVersion = next.stable();
        canaryVersion = next.canary();
        canaryWeight = next.canaryWeight();
        previousStableVersion = next.previousStable();
        labels = labelsJson;
        state = next.state();
        updatedAt = Instant.now();
    }

    Long getId() {
        return id;
    }

    Long getModelId() {
        return modelId;
    }

    Long getStableVersion() {
        return stableVersion;
    }

    Long getCanaryVersion() {
        return canaryVersion;
    }

    Long getPreviousStableVersion() {
        return previousStableVersion;
    }

    int getCanaryWeight() {
        return canaryWeight;
    }

    String getLabelsJson() {
        return labels;
    }

    long getRevision() {
        return revision;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
