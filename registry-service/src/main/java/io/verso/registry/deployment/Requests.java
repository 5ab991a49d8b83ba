package io.verso.registry.deployment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Bodies of the transition endpoints; {@code reason} is free text for the audit trail. */
final class Requests {

    private Requests() {
    }

    record CanaryRequest(
            @NotNull(message = "is required") @Positive(message = "must be positive") Long version,
            @NotNull(message = "is required") @Min(value = 0, message = "must be between 0 and 100")
            @Max(value = 100, message = "must be between 0 and 100") Integer weight,
            @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    record WeightRequest(
            @NotNull(message = "is required") @Min(value = 0, message = "must be between 0 and 100")
            @Max(value = 100, message = "must be between 0 and 100") Integer weight,
            @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    /** {@code version} absent: promote the canary / roll back to the previous stable version. */
    record VersionRequest(
            @Positive(message = "must be positive") Long version,
            @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    record LabelRequest(
            @NotNull(message = "is required") @Positive(message = "must be positive") Long version,
            @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }
}
