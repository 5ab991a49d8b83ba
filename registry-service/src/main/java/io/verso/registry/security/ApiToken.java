package io.verso.registry.security;

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

/** A stored API token: only the SHA-256 of the secret, so a database dump yields no usable token. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "bound_pod_id")
    private String boundPodId;

    /** Comma-separated model names a client key may call; null: every model. */
    @Column(name = "models", updatable = false)
    private String models;

    @Column(name = "feedback", nullable = false, updatable = false)
    private boolean feedback;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    protected ApiToken() {
    }

    ApiToken(String name, String tokenHash, Role role, String createdBy, ClientScope scope) {
        this.name = name;
        this.tokenHash = tokenHash;
        this.role = role;
        this.createdBy = createdBy;
        this.models = scope.models() == null ? null : String.join(",", scope.models());
        this.feedback = scope.feedback();
        this.expiresAt = scope.expiresAt();
    }

    ClientScope scope() {
        return new ClientScope(models == null ? null : java.util.List.of(models.split(",")), feedback, expiresAt);
    }

    @PrePersist
    void stamp() {
        createdAt = Instant.now();
    }

    void revoke() {
        revokedAt = Instant.now();
    }

    String getBoundPodId() {
        return boundPodId;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }

    String getCreatedBy() {
        return createdBy;
    }

    String getName() {
        return name;
    }

    Role getRole() {
        return role;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
