package io.verso.registry.console;

import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.error.RegistryException;
import io.verso.registry.feed.LiveChanges;
import io.verso.registry.model.ModelService;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The models page (search, paging) and a model's page with its panels, each also served alone so that htmx can
 * refresh one panel; the evidence as JSON for the charts; and the live wait the page's script holds open to learn
 * of changes made elsewhere within moments (see {@link LiveChanges}).
 */
@Controller
class ModelPagesController {

    static final int PAGE_SIZE = 20;
    static final int AUDIT_PAGE_SIZE = 15;
    /** How long one live wait is held; the script asks again at once, so this only bounds idle connections. */
    static final Duration LIVE_WAIT = Duration.ofSeconds(25);

    private final ModelOverviews overviews;
    private final ModelService models;
    private final DeploymentService deployments;
    private final LiveChanges live;

    ModelPagesController(ModelOverviews overviews, ModelService models, DeploymentService deployments,
                         LiveChanges live) {
        this.overviews = overviews;
        this.models = models;
        this.deployments = deployments;
        this.live = live;
    }

    @GetMapping("/console/models")
    String models(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
                  Model model) {
        if (q.length() > 200) {
            throw RegistryException.invalid("q", "the search text must be at most 200 characters");
        }
        model.addAttribute("q", q);
        model.addAttribute("models", overviews.search(q, page, PAGE_SIZE));
        model.addAttribute("liveRevision", live.routingTable().revision());
        return "console/models";
    }

    @GetMapping("/console/models/{name}")
    String model(@PathVariable String name, Model model) {
        ModelOverviews.Overview overview = overviews.get(name);
        model.addAttribute("o", overview);
        model.addAttribute("versions", models.listVersions(name, 0, PAGE_SIZE));
        model.addAttribute("history", deployments.history(name, 0, AUDIT_PAGE_SIZE));
        model.addAttribute("liveRevision", fingerprint(name));
        return "console/model";
    }

    @GetMapping("/console/models/{name}/deployment")
    String deploymentPanel(@PathVariable String name, Model model) {
        model.addAttribute("o", overviews.get(name));
        model.addAttribute("versions", models.listVersions(name, 0, PAGE_SIZE));
        return "console/model :: deployment";
    }

    @GetMapping("/console/models/{name}/rollout")
    String rolloutPanel(@PathVariable String name, Model model) {
        model.addAttribute("o", overviews.get(name));
        return "console/model :: rollout";
    }

    @GetMapping("/console/models/{name}/versions")
    String versionsPanel(@PathVariable String name, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("o", overviews.get(name));
        model.addAttribute("versions", models.listVersions(name, page, PAGE_SIZE));
        return "console/model :: versions";
    }

    @GetMapping("/console/models/{name}/audit")
    String auditPanel(@PathVariable String name, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("o", overviews.get(name));
        model.addAttribute("history", deployments.history(name, page, AUDIT_PAGE_SIZE));
        return "console/model :: audit";
    }

    @GetMapping("/console/models/{name}/evidence.json")
    @ResponseBody
    ModelOverviews.Evidence evidence(@PathVariable String name) {
        return overviews.evidence(name);
    }

    /**
     * Answers once the model's deployment or the pods serving it differ from {@code seen} (at once if they already
     * do), with the new live revision and the deployment's revision; 204 when the wait ends with no change.
     */
    @GetMapping("/console/models/{name}/live")
    @ResponseBody
    DeferredResult<Object> liveModel(@PathVariable String name, @RequestParam(defaultValue = "") String seen) {
        models.get(name);
        return await(seen, () -> fingerprint(name), () -> deployments.get(name).revision());
    }

    /** As {@link #liveModel} for the models page: any deployment or pod change anywhere. */
    @GetMapping("/console/models/live")
    @ResponseBody
    DeferredResult<Object> liveModels(@RequestParam(defaultValue = "") String seen) {
        return await(seen, () -> live.routingTable().revision(), () -> 0L);
    }

    private DeferredResult<Object> await(String seen, java.util.function.Supplier<String> fingerprint,
                                         java.util.function.LongSupplier deploymentRevision) {
        java.util.function.Supplier<Object> unchanged = () -> ResponseEntity.status(HttpStatus.NO_CONTENT).build();
        DeferredResult<Object> result = new DeferredResult<>(LIVE_WAIT.toMillis(), unchanged);
        live.awaitChange(seen, fingerprint, current -> current, result,
                current -> Map.of("live", current, "revision", deploymentRevision.getAsLong()), unchanged);
        return result;
    }

    /** Changes with every transition of the model (its revision) and with the routing table (pods coming and going). */
    private String fingerprint(String name) {
        return deployments.get(name).revision() + "-" + live.routingTable().revision();
    }
}
