package io.verso.registry.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/v1/webhooks}.
 *
 * @param url        http(s) URL the registry posts to
 * @param secret     HMAC key (at least 16 characters); absent: the registry generates one. Shown only in the answer
 * @param eventTypes types wanted ({@code version.registered}, {@code deployment.promote}, {@code deployment.*},
 *                   {@code *}); absent or empty: all
 */
record WebhookRequest(
        @NotBlank(message = "is required")
        @Size(max = 2000, message = "must be at most 2000 characters")
        @Pattern(regexp = "(?i)^https?://\\S+$", message = "must be an http:// or https:// URL")
        String url,
        @Size(min = 16, max = 200, message = "must hold 16 to 200 characters") String secret,
        @Size(max = 50, message = "must list at most 50 types")
        List<@Pattern(regexp = EventTypes.FILTER,
                message = "must be version.registered, deployment.<action>, a prefix ending in * or *")
                String> eventTypes) {
}
