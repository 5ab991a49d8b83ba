package io.verso.registry.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHashAndRevokedAtIsNull(String tokenHash);

    Optional<ApiToken> findByNameAndRevokedAtIsNull(String name);

    List<ApiToken> findAllByOrderByCreatedAtDescIdDesc();

    boolean existsByRoleAndRevokedAtIsNull(Role role);

    /** Binds a live, unbound token to a pod; one statement, so two first reports cannot both bind it. */
    @Modifying
    @Query("update ApiToken t set t.boundPodId = :podId where t.name = :name and t.revokedAt is null"
            + " and t.boundPodId is null")
    int bindPod(String name, String podId);
}
