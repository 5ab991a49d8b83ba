package io.verso.registry.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** Bodies of the token endpoints (and of the console's tokens page, which checks them alike). */
public final class TokenRequests {

    private TokenRequests() {
    }

    /**
     * @param name the actor name the audit trail will show
     * @param role viewer, deployer, admin, machine or publisher
     */
    public record CreateToken(
            @NotBlank(message = "is required")
            @Pattern(regexp = "^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,127}$",
                    message = "must start with a letter or digit and hold at most 128 letters, digits, '.', '_', '@' or '-'")
            String name,
            @NotNull(message = "is required")
            @Pattern(regexp = "(?i)viewer|deployer|admin|machine|publisher",
                    message = "must be viewer, deployer, admin, machine or publisher")
            String role) {
    }

    /** The only time the secret is shown. */
    public record CreatedToken(String name, String role, String token, Instant createdAt) {
    }
}
