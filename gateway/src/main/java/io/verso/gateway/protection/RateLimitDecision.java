package io.verso.gateway.protection;

/**
 * @param allowed           whether the request may go on
 * @param retryAfterSeconds when refused, whole seconds until the client may try again (at least 1)
 */
public record RateLimitDecision(boolean allowed, long retryAfterSeconds) {

    static final RateLimitDecision ALLOWED = new RateLimitDecision(true, 0);

    static RateLimitDecision refused(long retryAfterSeconds) {
        return new RateLimitDecision(false, Math.max(1, retryAfterSeconds));
    }
}
