package io.verso.registry.console;

import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.deployment.Transition;
import io.verso.registry.deployment.TransitionContext;
import io.verso.registry.error.RegistryException;
import io.verso.registry.model.ModelService;
import io.verso.registry.rollout.RolloutService;
import io.verso.registry.web.ErrorStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The deployment panel's and the rollout panel's buttons. Each deployment action is the API's transition with the
 * revision the panel showed as its {@code If-Match}: when someone else changed the deployment since, it answers 409
 * and the panel says so (and what changed) instead of acting on a state its user never saw. The answer is the
 * panel again, re-read, with the outcome above it.
 */
@Controller
class DeploymentActionsController {

    static final String STALE = "Someone changed this deployment since this page showed it — reload to see the "
            + "current state, then decide again.";
    private static final int MAX_REASON = 1000;
    private static final String DEPLOYMENT_MESSAGES = "#deployment-messages";
    private static final String ROLLOUT_MESSAGES = "#rollout-messages";

    private final DeploymentService deployments;
    private final RolloutService rollouts;
    private final ModelOverviews overviews;
    private final ModelService models;

    DeploymentActionsController(DeploymentService deployments, RolloutService rollouts, ModelOverviews overviews,
                                ModelService models) {
        this.deployments = deployments;
        this.rollouts = rollouts;
        this.overviews = overviews;
        this.models = models;
    }

    @PostMapping("/console/models/{name}/deployment/canary")
    String canary(@PathVariable String name, @RequestParam long revision, @RequestParam long version,
                  @RequestParam int weight, @RequestParam(required = false) String reason, Principal caller,
                  HttpServletResponse response, Model model) {
        return transition(name, new Transition.Canary(version, weight), revision, reason, caller, response, model,
                "Canary version " + version + " now gets " + weight + "% of the traffic.");
    }

    @PostMapping("/console/models/{name}/deployment/weight")
    String weight(@PathVariable String name, @RequestParam long revision, @RequestParam int weight,
                  @RequestParam(required = false) String reason, Principal caller, HttpServletResponse response,
                  Model model) {
        return transition(name, new Transition.SetWeight(weight), revision, reason, caller, response, model,
                "The canary now gets " + weight + "% of the traffic.");
    }

    @PostMapping("/console/models/{name}/deployment/promote")
    String promote(@PathVariable String name, @RequestParam long revision,
                   @RequestParam(required = false) Long version, @RequestParam(required = false) String reason,
                   Principal caller, HttpServletResponse response, Model model) {
        return transition(name, new Transition.Promote(version), revision, reason, caller, response, model,
                "Promoted to stable.");
    }

    @PostMapping("/console/models/{name}/deployment/rollback")
    String rollback(@PathVariable String name, @RequestParam long revision,
                    @RequestParam(required = false) Long version, @RequestParam(required = false) String reason,
                    Principal caller, HttpServletResponse response, Model model) {
        if (reason == null || reason.isBlank()) {
            return Messages.refused(response, model, HttpStatus.BAD_REQUEST, "A rollback needs a reason: it goes "
                    + "into the audit trail for whoever looks next.", DEPLOYMENT_MESSAGES);
        }
        return transition(name, new Transition.Rollback(version), revision, reason, caller, response, model,
                "Rolled back.");
    }

    @PostMapping("/console/models/{name}/rollout/{action}")
    String rollout(@PathVariable String name, @PathVariable String action,
                   @RequestParam(required = false) String reason, Principal caller, HttpServletResponse response,
                   Model model) {
        String why = checkedReason(reason);
        Supplier<?> change = switch (action) {
            case "pause" -> () -> rollouts.pause(name, caller.getName(), why);
            case "resume" -> () -> rollouts.resume(name, caller.getName(), why);
            case "abort" -> () -> rollouts.abort(name, caller.getName(), why);
            default -> throw RegistryException.notFound("action", "rollouts can be paused, resumed or aborted, not '"
                    + action + "'");
        };
        try {
            change.get();
        } catch (RegistryException e) {
            return Messages.refused(response, model, ErrorStatus.of(e.kind()), e.getMessage(), ROLLOUT_MESSAGES);
        }
        model.addAttribute("o", overviews.get(name));
        model.addAttribute("notice", "Rollout " + action + (action.endsWith("e") ? "d." : "ed."));
        return "console/model :: rollout";
    }

    private String transition(String name, Transition transition, long revision, String reason, Principal caller,
                              HttpServletResponse response, Model model, String success) {
        try {
            deployments.apply(name, transition, new TransitionContext(caller.getName(), checkedReason(reason), null,
                    revision));
        } catch (RegistryException e) {
            boolean stale = e.kind() == RegistryException.Kind.CONFLICT
                    && (e.field() == null || "If-Match".equals(e.field()));
            return Messages.refused(response, model, ErrorStatus.of(e.kind()),
                    stale ? STALE + " (" + e.getMessage() + ")" : e.getMessage(), DEPLOYMENT_MESSAGES);
        }
        model.addAttribute("notice", success);
        fill(name, model);
        return "console/model :: deployment";
    }

    private void fill(String name, Model model) {
        model.addAttribute("o", overviews.get(name));
        model.addAttribute("versions", models.listVersions(name, 0, ModelPagesController.PAGE_SIZE));
    }

    private static String checkedReason(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw RegistryException.invalid("reason", "the reason must be at most " + MAX_REASON + " characters");
        }
        return reason == null || reason.isBlank() ? null : reason.trim();
    }
}
