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

    protected ApiToken() {
    }

    ApiToken(String name, String tokenHash, Role role, String createdBy) {
        this.name = name;
        this.tokenHash = tokenHash;
        this.role = role;
        this.createdBy = createdBy;
    }

    @PrePersist
    void stamp() {
        createdAt = Instant.now();
    }

    void revoke() {
        revokedAt = Instant.now();
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
