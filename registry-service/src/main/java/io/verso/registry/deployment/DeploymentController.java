package io.verso.registry.deployment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.registry.audit.EventView;
import io.verso.registry.deployment.Requests.CanaryRequest;
import io.verso.registry.deployment.Requests.LabelRequest;
import io.verso.registry.deployment.Requests.VersionRequest;
import io.verso.registry.deployment.Requests.WeightRequest;
import io.verso.registry.error.RegistryException;
import io.verso.registry.web.PageView;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployment transitions. Every one accepts {@code Idempotency-Key} (a repeat replays the first answer, marked
 * {@code Idempotent-Replayed: true}) and {@code If-Match: "<revision>"} (a stale revision answers 409).
 */
@RestController
@RequestMapping("/api/v1/models/{model}/deployment")
@Tag(name = "Deployments")
class DeploymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IF_MATCH = "If-Match";
    private static final Pattern REVISION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final DeploymentService service;

    DeploymentController(DeploymentService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "Get the deployment; the ETag is its revision (viewer)")
    ResponseEntity<DeploymentView> get(@PathVariable String model) {
        DeploymentView view = service.get(model);
        return ResponseEntity.ok().eTag(Long.toString(view.revision())).body(view);
    }

    @PostMapping("/canary")
    @Operation(summary = "Start or replace a canary with a traffic weight (deployer)")
    ResponseEntity<DeploymentView> canary(@PathVariable String model, @Valid @RequestBody CanaryRequest request,
                                          @Parameter(description = "retry key") @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                          Principal caller) {
        return apply(model, new Transition.Canary(request.version(), request.weight()), request.reason(), key,
                ifMatch, caller);
    }

    @PostMapping("/weight")
    @Operation(summary = "Set the running canary's traffic weight, 0–100 (deployer)")
    ResponseEntity<DeploymentView> weight(@PathVariable String model, @Valid @RequestBody WeightRequest request,
                                          @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                          Principal caller) {
        return apply(model, new Transition.SetWeight(request.weight()), request.reason(), key, ifMatch, caller);
    }

    @PostMapping("/promote")
    @Operation(summary = "Promote the canary, or the given version, to stable (deployer)")
    ResponseEntity<DeploymentView> promote(@PathVariable String model,
                                           @Valid @RequestBody(required = false) VersionRequest request,
                                           @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                           @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                           Principal caller) {
        VersionRequest body = request == null ? new VersionRequest(null, null) : request;
        return apply(model, new Transition.Promote(body.version()), body.reason(), key, ifMatch, caller);
    }

    @PostMapping("/rollback")
    @Operation(summary = "Roll back to the previous stable version, or to the given one (deployer)")
    ResponseEntity<DeploymentView> rollback(@PathVariable String model,
                                            @Valid @RequestBody(required = false) VersionRequest request,
                                            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                            Principal caller) {
        VersionRequest body = request == null ? new VersionRequest(null, null) : request;
        return apply(model, new Transition.Rollback(body.version()), body.reason(), key, ifMatch, caller);
    }

    @PutMapping("/labels/{label}")
    @Operation(summary = "Point a custom label at a version (deployer)")
    ResponseEntity<DeploymentView> setLabel(@PathVariable String model, @PathVariable String label,
                                            @Valid @RequestBody LabelRequest request,
                                            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                            Principal caller) {
        return apply(model, new Transition.SetLabel(label, request.version()), request.reason(), key, ifMatch,
                caller);
    }

    @DeleteMapping("/labels/{label}")
    @Operation(summary = "Remove a custom label (deployer)")
    ResponseEntity<DeploymentView> removeLabel(@PathVariable String model, @PathVariable String label,
                                               @RequestParam(required = false) String reason,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                               @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                               Principal caller) {
        return apply(model, new Transition.RemoveLabel(label), reason, key, ifMatch, caller);
    }

    @GetMapping("/history")
    @Operation(summary = "The audit trail, newest first (viewer)")
    PageView<EventView> history(@PathVariable String model, @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "20") int size) {
        return service.history(model, page, size);
    }

    private ResponseEntity<DeploymentView> apply(String model, Transition transition, String reason, String key,
                                                 String ifMatch, Principal caller) {
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw RegistryException.invalid(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + " must be 1–200 characters");
        }
        TransitionContext context = new TransitionContext(caller.getName(), reason, key, revision(ifMatch));
        TransitionOutcome outcome = service.apply(model, transition, context);
        DeploymentView view = outcome.deployment();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().eTag(Long.toString(view.revision()));
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(view);
    }

    /** {@code "7"}, {@code W/"7"} or {@code 7}; {@code *} means any revision. */
    static Long revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = REVISION.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw RegistryException.invalid(IF_MATCH, IF_MATCH + " must be a deployment revision such as "
                    + "\"7\", but was '" + ifMatch + "'");
        }
        return Long.parseLong(matcher.group(1));
    }
}
