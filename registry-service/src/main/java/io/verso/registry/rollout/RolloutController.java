package io.verso.registry.rollout;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.registry.error.RegistryException;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Progressive rollouts: started, paused, resumed and aborted by deployers, advanced by the canary analysis. */
@RestController
@RequestMapping("/api/v1/models/{model}/deployment/rollout")
@Tag(name = "Canary analysis")
class RolloutController {

    /** The optional body of pause, resume and abort. */
    record ReasonRequest(String reason) {
    }

    private final RolloutService service;

    RolloutController(RolloutService service) {
        this.service = service;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a progressive rollout: the canary at the first step's weight, advanced, promoted or "
            + "rolled back by the analysis (deployer)")
    RolloutView start(@PathVariable String model, @RequestBody RolloutRequest request, Principal caller) {
        return service.start(model, request, caller.getName());
    }

    @GetMapping
    @Operation(summary = "The model's latest rollout: step, weight, last evaluation, next evaluation (viewer)")
    RolloutView get(@PathVariable String model) {
        return service.get(model);
    }

    @PostMapping("/pause")
    @Operation(summary = "Pause the analysis; the canary keeps its weight (deployer)")
    RolloutView pause(@PathVariable String model, @RequestBody(required = false) ReasonRequest request,
                      Principal caller) {
        return service.pause(model, caller.getName(), reason(request));
    }

    @PostMapping("/resume")
    @Operation(summary = "Resume a paused rollout (deployer)")
    RolloutView resume(@PathVariable String model, @RequestBody(required = false) ReasonRequest request,
                       Principal caller) {
        return service.resume(model, caller.getName(), reason(request));
    }

    @PostMapping("/abort")
    @Operation(summary = "Abort the rollout and roll its canary back (deployer)")
    RolloutView abort(@PathVariable String model, @RequestBody(required = false) ReasonRequest request,
                      Principal caller) {
        return service.abort(model, caller.getName(), reason(request));
    }

    private static String reason(ReasonRequest request) {
        if (request != null && request.reason() != null && request.reason().length() > 1000) {
            throw RegistryException.invalid("reason", "reason must be at most 1000 characters");
        }
        return request == null ? null : request.reason();
    }
}
