package io.verso.cli.deployments;

import io.verso.cli.output.KeyValues;
import io.verso.cli.output.Text;
import io.verso.cli.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A deployment (the registry's {@code DeploymentView}) as people read it. */
public final class DeploymentText {

    private DeploymentText() {
    }

    public static String path(String model) {
        return "api/v1/models/" + RegistryClient.segment(model) + "/deployment";
    }

    public static KeyValues describe(JsonNode deployment) {
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, JsonNode> label : deployment.get("labels").properties()) {
            labels.add(label.getKey() + "=" + label.getValue().asString());
        }
        return new KeyValues()
                .add("model", Text.field(deployment, "model"))
                .add("state", Text.field(deployment, "state"))
                .add("stable", Text.field(deployment, "stableVersion"))
                .add("canary", canary(deployment))
                .add("previous stable", Text.field(deployment, "previousStableVersion"))
                .add("labels", labels.isEmpty() ? null : String.join(", ", labels))
                .add("revision", deployment.get("revision").asLong())
                .add("updated", Text.field(deployment, "updatedAt"));
    }

    /** One line, for {@code watch}: {@code half_plus_two  CANARY  stable 1  canary 2 at 25%  revision 4}. */
    public static String summary(JsonNode deployment) {
        return Text.field(deployment, "model") + "  " + Text.field(deployment, "state")
                + "  stable " + Text.or(Text.field(deployment, "stableVersion"))
                + "  canary " + Text.or(canary(deployment))
                + "  revision " + deployment.get("revision").asLong();
    }

    private static String canary(JsonNode deployment) {
        String canary = Text.field(deployment, "canaryVersion");
        return canary == null ? null : canary + " at " + deployment.get("canaryWeight").asInt() + "%";
    }
}
