package io.verso.registry.security;

import io.verso.registry.security.TokenRequests.CreatedToken;
import io.verso.registry.web.RegistryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, revokes and checks API tokens. Tokens are {@code verso_} and 43 base64url characters (256 random bits),
 * so a fast unsalted SHA-256 is enough to store them: nothing can be guessed from the hash, and lookup by hash is
 * one index probe.
 */
@Service
public class TokenService {

    static final String PREFIX = "verso_";
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final ApiTokenRepository tokens;
    private final ConfiguredTokens configured;
    private final SecureRandom random = new SecureRandom();

    TokenService(ApiTokenRepository tokens, ConfiguredTokens configured) {
        this.tokens = tokens;
        this.configured = configured;
        log.info("Tokens from configuration: {}", configured);
        if (!configured.hasAdmin()) {
            log.info("No bootstrap admin token configured (VERSO_REGISTRY_BOOTSTRAP_TOKEN); only stored tokens work");
        }
    }

    @Transactional(readOnly = true)
    public Optional<TokenPrincipal> authenticate(String token) {
        return authenticateHashed(hash(token));
    }

    /** As {@link #authenticate}, for a token known only by its hash: a console session keeps no token. */
    @Transactional(readOnly = true)
    Optional<TokenPrincipal> authenticateHashed(String tokenHash) {
        byte[] hash = HexFormat.of().parseHex(tokenHash);
        Optional<TokenPrincipal> fromConfiguration = configured.match(hash);
        if (fromConfiguration.isPresent()) {
            return fromConfiguration;
        }
        return tokens.findByTokenHashAndRevokedAtIsNull(HexFormat.of().formatHex(hash))
                .map(t -> new TokenPrincipal(t.getName(), t.getRole()));
    }

    @Transactional
    public CreatedToken create(String name, String role, String actor) {
        if (configured.isReservedName(name) || tokens.findByNameAndRevokedAtIsNull(name).isPresent()) {
            throw RegistryException.conflict("name", "a token named '" + name + "' already exists");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken saved = tokens.saveAndFlush(new ApiToken(name, hash(token), Role.parse(role), actor));
        log.info("Token {} ({}) created by {}", name, saved.getRole().apiName(), actor);
        return new CreatedToken(saved.getName(), saved.getRole().apiName(), token, saved.getCreatedAt());
    }

    @Transactional
    public void revoke(String name, String actor) {
        ApiToken token = tokens.findByNameAndRevokedAtIsNull(name).orElseThrow(() -> RegistryException.notFound(
                "name", "no live token is named '" + name + "'"));
        token.revoke();
        log.info("Token {} revoked by {}", name, actor);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
