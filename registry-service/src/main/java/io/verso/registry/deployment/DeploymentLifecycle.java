package io.verso.registry.deployment;

import io.verso.registry.model.ModelCreated;
import io.verso.registry.model.VersionReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ties deployments to models without the model package knowing them: creates the (empty) deployment in the
 * transaction that creates the model, and answers whether a version is still in use before it is archived.
 */
@Component
class DeploymentLifecycle implements VersionReferences {

    private static final TypeReference<Map<String, Long>> LABELS = new TypeReference<>() {
    };

    private final DeploymentRepository deployments;
    private final JsonMapper json;

    DeploymentLifecycle(DeploymentRepository deployments, JsonMapper json) {
        this.deployments = deployments;
        this.json = json;
    }

    /** Synchronous, so it runs in the creating transaction: a model never exists without its deployment. */
    @EventListener
    void onModelCreated(ModelCreated event) {
        deployments.save(new Deployment(event.modelId()));
    }

    @Override
    public Optional<String> use(long modelId, long version) {
        return deployments.findByModelId(modelId).flatMap(d -> {
            List<String> uses = new ArrayList<>();
            if (Long.valueOf(version).equals(d.getStableVersion())) {
                uses.add("it is the stable version");
            }
            if (Long.valueOf(version).equals(d.getCanaryVersion())) {
                uses.add("it is the canary");
            }
            if (Long.valueOf(version).equals(d.getPreviousStableVersion())) {
                uses.add("it is the previous stable version, kept for rollback");
            }
            json.readValue(d.getLabelsJson(), LABELS).forEach((label, v) -> {
                if (v == version) {
                    uses.add("label '" + label + "' points to it");
                }
            });
            return uses.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", uses));
        });
    }
}
