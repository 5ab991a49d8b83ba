package io.verso.registry.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The web console's sign-in sessions. Signing in shows a registry token once; the browser gets a random session id
 * (256 bits) in an HttpOnly cookie, and this store keeps neither the id nor the token in clear: it is keyed by the
 * id's SHA-256 and remembers the token's hash, so every request re-checks the token (a revoked token ends its
 * sessions at once). Bounded ({@link #MAX_SESSIONS}, least recently used evicted first) and expiring (after
 * {@link #IDLE} without a request, and {@link #LIFETIME} after sign-in whatever happens), so no client can grow it.
 */
@Component
public class ConsoleSessions {

    static final int MAX_SESSIONS = 10_000;
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Logger log = LoggerFactory.getLogger(ConsoleSessions.class);

    /** What the store keeps of a session: who, the token's hash to re-check it, and the CSRF token of its forms. */
    record Session(String tokenHash, String csrfToken, Instant openedAt) {
    }

    /** A session just opened: the id goes into the cookie and is forgotten here. */
    public record Opened(String id, TokenPrincipal principal) {
    }

    private final TokenService tokens;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Session> sessions = Caffeine.newBuilder()
            .maximumSize(MAX_SESSIONS)
            .expireAfter(Expiry.<String, Session>accessing((key, session) -> {
                Duration left = Duration.between(Instant.now(), session.openedAt().plus(LIFETIME));
                return left.compareTo(IDLE) < 0 ? (left.isNegative() ? Duration.ZERO : left) : IDLE;
            }))
            .build();

    ConsoleSessions(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * Opens a session for a human's token (viewer, deployer or admin); empty for an unknown or revoked token.
     *
     * @throws IllegalArgumentException for a machine or publisher token: those are for programs, not people
     */
    public Optional<Opened> open(String token) {
        Optional<TokenPrincipal> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        Role role = principal.get().role();
        if (role == Role.MACHINE || role == Role.PUBLISHER) {
            throw new IllegalArgumentException("A " + role.apiName() + " token is for programs; sign in with a "
                    + "viewer, deployer or admin token");
        }
        String id = randomToken();
        sessions.put(TokenService.hash(id), new Session(TokenService.hash(token), randomToken(), Instant.now()));
        log.info("Console session opened for token {} ({})", principal.get().name(), role.apiName());
        return Optional.of(new Opened(id, principal.get()));
    }

    /** The session's caller, if the id names a live session whose token is still valid. */
    Optional<SignedIn> find(String id) {
        String key = TokenService.hash(id);
        Session session = sessions.getIfPresent(key);
        if (session == null) {
            return Optional.empty();
        }
        Optional<TokenPrincipal> principal = tokens.authenticateHashed(session.tokenHash());
        if (principal.isEmpty()) {
            sessions.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(new SignedIn(principal.get(), session.csrfToken()));
    }

    /** Ends the session; an unknown id is already ended. */
    public void close(String id) {
        sessions.invalidate(TokenService.hash(id));
    }

    long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    /** A request's caller and the CSRF token its session's forms carry. */
    record SignedIn(TokenPrincipal principal, String csrfToken) {
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
