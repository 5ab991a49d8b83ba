package io.verso.registry.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** One transition of one deployment; never updated, never deleted. */
@Entity
@Table(name = "deployment_event")
class DeploymentEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "deployment_id", nullable = false, updatable = false)
    private Long deploymentId;

    @Column(nullable = false, updatable = false)
    private long revision;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "from_stable", updatable = false)
    private Long fromStable;

    @Column(name = "to_stable", updatable = false)
    private Long toStable;

    @Column(name = "from_canary", updatable = false)
    private Long fromCanary;

    @Column(name = "to_canary", updatable = false)
    private Long toCanary;

    @Column(name = "from_weight", updatable = false)
    private Integer fromWeight;

    @Column(name = "to_weight", updatable = false)
    private Integer toWeight;

    @Column(updatable = false)
    private String label;

    @Column(updatable = false)
    private String reason;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "request_hash", updatable = false)
    private String requestHash;

    @Column(columnDefinition = "jsonb", nullable = false, updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String result;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected DeploymentEvent() {
    }

    DeploymentEvent(AuditEntry entry) {
        this.deploymentId = entry.deploymentId();
        this.revision = entry.revision();
        this.action = entry.action();
        this.actor = entry.actor();
        this.fromStable = entry.fromStable();
        this.toStable = entry.toStable();
        this.fromCanary = entry.fromCanary();
        this.toCanary = entry.toCanary();
        this.fromWeight = entry.fromWeight();
        this.toWeight = entry.toWeight();
        this.label = entry.label();
        this.reason = entry.reason();
        this.idempotencyKey = entry.idempotencyKey();
        this.requestHash = entry.requestHash();
        this.result = entry.resultJson();
    }

    @PrePersist
    void stamp() {
        createdAt = Instant.now();
    }

    EventView view() {
        return new EventView(revision, action, actor, fromStable, toStable, fromCanary, toCanary, fromWeight, toWeight,
                label, reason, idempotencyKey, createdAt);
    }

    Instant createdAt() {
        return createdAt;
    }

    String requestHash() {
        return requestHash;
    }

    String result() {
        return result;
    }
}
