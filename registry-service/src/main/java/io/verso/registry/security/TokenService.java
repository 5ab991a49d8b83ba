package io.verso.registry.security;

import io.verso.registry.error.RegistryException;
import io.verso.registry.security.TokenRequests.CreateToken;
import io.verso.registry.security.TokenRequests.CreatedToken;
import io.verso.registry.security.TokenRequests.SelfView;
import io.verso.registry.security.TokenRequests.TokenView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TokenService(ApiTokenRepository tokens, ConfiguredTokens configured, Clock clock) {
        this.tokens = tokens;
        this.configured = configured;
        this.clock = clock;
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
            if (ConfiguredTokens.ADMIN.equals(fromConfiguration.get().name()) && configured.retiresAdmin()
                    && tokens.existsByRoleAndRevokedAtIsNull(Role.ADMIN)) {
                // A real admin token exists, and the operator asked the bootstrap one to stop working then.
                return Optional.empty();
            }
            return fromConfiguration;
        }
        Instant now = clock.instant();
        return tokens.findByTokenHashAndRevokedAtIsNull(HexFormat.of().formatHex(hash))
                .filter(t -> !t.scope().expiredAt(now))
                .map(t -> new TokenPrincipal(t.getName(), t.getRole()));
    }

    @Transactional
    public CreatedToken create(CreateToken request, String actor) {
        String name = request.name();
        if (configured.isReservedName(name) || tokens.findByNameAndRevokedAtIsNull(name).isPresent()) {
            throw RegistryException.conflict("name", "a token named '" + name + "' already exists");
        }
        Role role = Role.parse(request.role());
        ClientScope scope = request.scope();
        if (role != Role.CLIENT && (scope.models() != null || scope.feedback())) {
            throw RegistryException.invalid("models", "models and feedback scope only client keys; a "
                    + role.apiName() + " token may call every model");
        }
        if (scope.expiresAt() != null && !scope.expiresAt().isAfter(clock.instant())) {
            throw RegistryException.invalid("expiresAt", "expiresAt must lie in the future, but was "
                    + scope.expiresAt());
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken saved = tokens.saveAndFlush(new ApiToken(name, hash(token), role, actor, scope));
        if (role == Role.MACHINE) {
            log.warn("Token {} created with the deprecated role machine; issue pod or gateway tokens instead", name);
        }
        log.info("Token {} ({}) created by {}", name, saved.getRole().apiName(), actor);
        return new CreatedToken(saved.getName(), saved.getRole().apiName(), token, saved.getCreatedAt(),
                scope.models(), scope.feedback(), scope.expiresAt());
    }

    /** Every stored token, live or revoked, newest first, then the configured ones; never a secret or a hash. */
    @Transactional(readOnly = true)
    public List<TokenView> list() {
        List<TokenView> views = new ArrayList<>();
        tokens.findAllByOrderByCreatedAtDescIdDesc().forEach(t -> views.add(TokenView.of(t)));
        configured.principals().forEach(p -> views.add(TokenView.configured(p,
                ConfiguredTokens.ADMIN.equals(p.name()) && configured.retiresAdmin()
                        && tokens.existsByRoleAndRevokedAtIsNull(Role.ADMIN))));
        return views;
    }

    /** What the caller's own token may do; gateways ask this with a client's key. */
    @Transactional(readOnly = true)
    public SelfView self(TokenPrincipal caller) {
        ClientScope scope = tokens.findByNameAndRevokedAtIsNull(caller.name()).filter(t -> !configured
                .isReservedName(caller.name())).map(ApiToken::scope).orElse(ClientScope.UNSCOPED);
        // Operators may label predictions too; a client only with the feedback scope.
        boolean feedback = scope.feedback() || caller.role() == Role.DEPLOYER || caller.role() == Role.ADMIN;
        return new SelfView(caller.name(), caller.role().apiName(), scope.models(), feedback, scope.expiresAt());
    }

    @Transactional
    public void revoke(String name, String actor) {
        ApiToken token = tokens.findByNameAndRevokedAtIsNull(name).orElseThrow(() -> RegistryException.notFound(
                "name", "no live token is named '" + name + "'"));
        token.revoke();
        log.info("Token {} revoked by {}", name, actor);
    }

    /**
     * Binds the live token {@code name} to {@code podId} unless it is bound already; the pod id it is bound to
     * (empty when no live token has that name).
     */
    @Transactional
    public Optional<String> bindPod(String name, String podId) {
        if (tokens.bindPod(name, podId) == 1) {
            log.info("Pod token {} bound to pod {} by its first report", name, podId);
            return Optional.of(podId);
        }
        return tokens.findByNameAndRevokedAtIsNull(name).map(ApiToken::getBoundPodId);
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
