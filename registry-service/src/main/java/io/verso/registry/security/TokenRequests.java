package io.verso.registry.security;

import io.verso.contracts.ModelNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Bodies of the token endpoints (and of the console's tokens page, which checks them alike). */
public final class TokenRequests {

    private TokenRequests() {
    }

    /**
     * @param name      the actor name the audit trail will show
     * @param role      viewer, deployer, admin, pod, gateway, client, publisher or (deprecated) machine
     * @param models    client keys only: the models the key may call at the gateway; absent: every model
     * @param feedback  client keys only: whether the key may post feedback labels
     * @param expiresAt when the token stops working; absent: never
     */
    public record CreateToken(
            @NotBlank(message = "is required")
            @Pattern(regexp = "^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,127}$",
                    message = "must start with a letter or digit and hold at most 128 letters, digits, '.', '_', '@' or '-'")
            String name,
            @NotNull(message = "is required")
            @Pattern(regexp = "(?i)viewer|deployer|admin|pod|gateway|client|publisher|machine",
                    message = "must be viewer, deployer, admin, pod, gateway, client, publisher or machine (deprecated)")
            String role,
            @Size(min = 1, max = 100, message = "must name 1 to 100 models")
            List<@Pattern(regexp = ModelNames.NAME_PATTERN,
                    message = "must be model names: each " + ModelNames.NAME_RULE) String>
                    models,
            Boolean feedback,
            Instant expiresAt) {

        ClientScope scope() {
            return new ClientScope(models, Boolean.TRUE.equals(feedback), expiresAt);
        }
    }

    /** The only time the secret is shown. */
    public record CreatedToken(String name, String role, String token, Instant createdAt, List<String> models,
                        boolean feedback, Instant expiresAt) {
    }

    /**
     * A token as the list shows it: never its secret or hash.
     *
     * @param source     {@code stored} (issued through the API) or {@code configured} (from the environment)
     * @param boundPodId the pod a pod token is bound to by its first report; null before
     * @param live       false once revoked, expired, or (the bootstrap token) retired
     */
    record TokenView(String name, String role, String source, String createdBy, Instant createdAt,
                     Instant revokedAt, Instant expiresAt, List<String> models, boolean feedback, String boundPodId,
                     boolean live) {

        static TokenView of(ApiToken t) {
            ClientScope scope = t.scope();
            boolean live = t.getRevokedAt() == null && !scope.expiredAt(Instant.now());
            return new TokenView(t.getName(), t.getRole().apiName(), "stored", t.getCreatedBy(), t.getCreatedAt(),
                    t.getRevokedAt(), scope.expiresAt(), scope.models(), scope.feedback(), t.getBoundPodId(), live);
        }

        static TokenView configured(TokenPrincipal principal, boolean retired) {
            return new TokenView(principal.name(), principal.role().apiName(), "configured", null, null, null, null,
                    null, false, null, !retired);
        }
    }

    /** The caller's own token: what a gateway needs to enforce a client key. */
    record SelfView(String name, String role, List<String> models, boolean feedback, Instant expiresAt) {
    }
}
