package io.verso.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.cli.deployments.DeploymentText;
import io.verso.cli.registry.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Formatting of the registry's JSON as the CLI shows it, from JSON shaped like the registry's answers. */
class EventTextTest {

    @Test
    void anEventShowsTheFieldsThatMoved() {
        JsonNode canary = Json.MAPPER.readTree("""
                {"revision": 3, "action": "CANARY", "actor": "admin", "fromStable": 1, "toStable": 1,
                 "fromCanary": null, "toCanary": 2, "fromWeight": 0, "toWeight": 25, "label": null,
                 "reason": "try v2", "idempotencyKey": null, "at": "2026-11-26T06:00:00Z"}""");

        assertThat(EventText.change(canary)).isEqualTo("canary -→2, weight 0→25");
        assertThat(EventText.line(canary))
                .isEqualTo("revision 3  2026-11-26T06:00:00Z  CANARY by admin  canary -→2, weight 0→25  (try v2)");
    }

    @Test
    void aDeploymentReadsAsKeyValuesAndAsOneLine() {
        JsonNode deployment = Json.MAPPER.readTree("""
                {"model": "half_plus_two", "stableVersion": 1, "canaryVersion": 2, "canaryWeight": 25,
                 "previousStableVersion": null, "labels": {"stable": 1, "canary": 2}, "state": "CANARY",
                 "revision": 3, "updatedAt": "2026-11-26T06:00:00Z"}""");
        StringWriter text = new StringWriter();

        DeploymentText.describe(deployment).print(new PrintWriter(text));

        assertThat(text.toString()).contains("state            CANARY", "stable           1",
                "canary           2 at 25%", "previous stable  -", "labels           stable=1, canary=2",
                "revision         3");
        assertThat(DeploymentText.summary(deployment))
                .isEqualTo("half_plus_two  CANARY  stable 1  canary 2 at 25%  revision 3");
    }

    @Test
    void intervalsAreReadableDurations() {
        IntervalConverter converter = new IntervalConverter();
        assertThat(converter.convert("500ms").toMillis()).isEqualTo(500);
        assertThat(converter.convert("2s").toMillis()).isEqualTo(2000);
        assertThat(converter.convert("1m").toSeconds()).isEqualTo(60);
    }
}
