package io.verso.registry.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/models}.
 *
 * @param name        unique; letters, digits, {@code .}, {@code _}, {@code -}, starting with a letter or digit
 * @param description free text
 * @param owner       team or person responsible; the caller's token name when absent
 */
public record CreateModelRequest(
        @NotBlank(message = "is required")
        @Pattern(regexp = "^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$",
                message = "must start with a letter or digit and hold at most 128 letters, digits, '.', '_' or '-'")
        String name,
        @Size(max = 2000, message = "must be at most 2000 characters") String description,
        @Size(max = 200, message = "must be at most 200 characters") String owner) {
}
