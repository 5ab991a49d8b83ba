package io.verso.registry.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHashAndRevokedAtIsNull(String tokenHash);

    Optional<ApiToken> findByNameAndRevokedAtIsNull(String name);
}
