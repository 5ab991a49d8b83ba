package io.verso.registry.model;

import io.verso.contracts.ModelNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/models}.
 *
 * @param name        unique; {@link ModelNames#NAME_PATTERN}, the rule the gateway and the pods apply too
 * @param description free text
 * @param owner       team or person responsible; the caller's token name when absent
 */
public record CreateModelRequest(
        @NotBlank(message = "is required")
        @Pattern(regexp = ModelNames.NAME_PATTERN, message = ModelNames.NAME_RULE)
        String name,
        @Size(max = 2000, message = "must be at most 2000 characters") String description,
        @Size(max = 200, message = "must be at most 200 characters") String owner) {
}
