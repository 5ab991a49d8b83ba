package io.verso.registry.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.Reply;
import io.verso.registry.testsupport.RegistryHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Transitions over HTTP on real PostgreSQL: the lifecycle, idempotency, If-Match, labels and archive guards. */
class DeploymentLifecycleIT extends RegistryHttpTest {

    @Test
    void fullLifecycleEndsOnTheFirstVersionWithFiveAuditedEvents() {
        String model = newModel();
        long v1 = uploadHalfPlusTwo(model);
        long v2 = uploadHalfPlusTwo(model);
        String deployer = token("deployer");
        String base = "/api/v1/models/" + model + "/deployment";

        Reply empty = get(token("viewer"), base);
        assertThat(empty.json().get("state").asString()).isEqualTo("EMPTY");

        assertThat(post(deployer, base + "/promote", "{\"version\":" + v1 + ",\"reason\":\"first\"}").status())
                .isEqualTo(200);
        Reply canary = post(ADMIN_TOKEN, base + "/canary", "{\"version\":" + v2 + ",\"weight\":10}");
        assertThat(canary.status()).as(canary.toString()).isEqualTo(200);
        assertThat(canary.json().get("canaryWeight").asInt()).isEqualTo(10);
        assertThat(canary.json().get("state").asString()).isEqualTo("CANARY");
        assertThat(canary.etag()).isEqualTo("\"" + canary.json().get("revision").asLong() + "\"");

        Reply weight = post(deployer, base + "/weight", "{\"weight\":50}");
        assertThat(weight.json().get("canaryWeight").asInt()).isEqualTo(50);

        Reply promoted = post(deployer, base + "/promote", null);
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().get("stableVersion").asLong()).isEqualTo(v2);
        assertThat(promoted.json().get("previousStableVersion").asLong()).isEqualTo(v1);
        assertThat(promoted.json().get("canaryVersion").isNull()).isTrue();

        Reply rolledBack = post(deployer, base + "/rollback", "{\"reason\":\"error rate\"}");
        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.json().get("stableVersion").asLong()).isEqualTo(v1);
        assertThat(rolledBack.json().get("state").asString()).isEqualTo("STABLE");

        Reply deployment = get(token("viewer"), base);
        assertThat(deployment.json().get("stableVersion").asLong()).isEqualTo(v1);
        assertThat(deployment.json().get("revision").asLong()).isEqualTo(5);

        JsonNode history = get(token("viewer"), base + "/history").json();
        assertThat(history.get("totalElements").asLong()).isEqualTo(5);
        JsonNode items = history.get("items");
        assertThat(items.valueStream().map(e -> e.get("action").asString()))
                .containsExactly("ROLLBACK", "PROMOTE", "SET_WEIGHT", "CANARY", "PROMOTE");
        assertThat(items.valueStream().map(e -> e.get("actor").asString()))
                .containsExactly("it-deployer", "it-deployer", "it-deployer", "bootstrap", "it-deployer");
        assertThat(items.valueStream().map(e -> e.get("revision").asLong())).containsExactly(5L, 4L, 3L, 2L, 1L);
        JsonNode rollback = items.get(0);
        assertThat(rollback.get("fromStable").asLong()).isEqualTo(v2);
        assertThat(rollback.get("toStable").asLong()).isEqualTo(v1);
        assertThat(rollback.get("reason").asString()).isEqualTo("error rate");
        JsonNode setWeight = items.get(2);
        assertThat(setWeight.get("fromWeight").asInt()).isEqualTo(10);
        assertThat(setWeight.get("toWeight").asInt()).isEqualTo(50);

        Reply page = get(token("viewer"), base + "/history?page=1&size=2");
        assertThat(page.json().get("items").valueStream().map(e -> e.get("revision").asLong())).containsExactly(3L, 2L);
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheFirstAnswerAndChangesNothing() {
        String model = deployedModel();
        long v2 = uploadHalfPlusTwo(model);
        String path = "/api/v1/models/" + model + "/deployment/canary";
        String body = "{\"version\":" + v2 + ",\"weight\":20}";

        Reply first = call(token("deployer"), HttpMethod.POST, path, body, h -> h.set("Idempotency-Key", "k-1"));
        Reply again = call(token("deployer"), HttpMethod.POST, path, body, h -> h.set("Idempotency-Key", "k-1"));
        Reply other = call(token("deployer"), HttpMethod.POST, path, "{\"version\":" + v2 + ",\"weight\":30}",
                h -> h.set("Idempotency-Key", "k-1"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.at("/field")).isEqualTo("Idempotency-Key");
        assertThat(other.at("/detail")).isEqualTo(
                "Idempotency-Key 'k-1' was already used for a different request on this deployment");
        assertThat(get(token("viewer"), "/api/v1/models/" + model + "/deployment/history").json()
                .get("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void aStaleIfMatchIsRefusedWithTheCurrentRevision() {
        String model = deployedModel();
        long v2 = uploadHalfPlusTwo(model);
        String base = "/api/v1/models/" + model + "/deployment";
        String etag = get(token("viewer"), base).etag();

        Reply matching = call(token("deployer"), HttpMethod.POST, base + "/canary",
                "{\"version\":" + v2 + ",\"weight\":5}", h -> h.setIfMatch(etag));
        Reply stale = call(token("deployer"), HttpMethod.POST, base + "/weight", "{\"weight\":7}",
                h -> h.setIfMatch(etag));

        assertThat(matching.status()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.headers().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(stale.at("/field")).isEqualTo("If-Match");
        assertThat(stale.at("/detail")).isEqualTo("If-Match names revision 1, but the deployment of model '" + model
                + "' is at revision 2");
        assertThat(get(token("viewer"), base).json().get("canaryWeight").asInt()).isEqualTo(5);
    }

    @Test
    void labelsPointAtVersionsAndGuardThemFromArchiving() {
        String model = deployedModel();
        long v2 = uploadHalfPlusTwo(model);
        String base = "/api/v1/models/" + model + "/deployment";

        Reply labelled = call(token("deployer"), HttpMethod.PUT, base + "/labels/shadow", "{\"version\":" + v2 + "}",
                h -> { });
        Reply archive = post(ADMIN_TOKEN, "/api/v1/models/" + model + "/versions/" + v2 + "/archive", null);
        Reply removed = call(token("deployer"), HttpMethod.DELETE, base + "/labels/shadow", null, h -> { });
        Reply archived = post(ADMIN_TOKEN, "/api/v1/models/" + model + "/versions/" + v2 + "/archive", null);
        Reply promoteArchived = post(token("deployer"), base + "/promote", "{\"version\":" + v2 + "}");

        assertThat(labelled.json().get("labels").get("shadow").asLong()).isEqualTo(v2);
        assertThat(labelled.json().get("labels").get("stable").asLong()).isEqualTo(1);
        assertThat(archive.status()).isEqualTo(409);
        assertThat(archive.at("/detail")).isEqualTo("version " + v2 + " of model '" + model
                + "' cannot be archived: label 'shadow' points to it");
        assertThat(removed.json().get("labels").has("shadow")).isFalse();
        assertThat(archived.json().get("status").asString()).isEqualTo("ARCHIVED");
        assertThat(promoteArchived.status()).isEqualTo(409);
        assertThat(promoteArchived.at("/field")).isEqualTo("version");
        assertThat(promoteArchived.at("/detail")).isEqualTo("version " + v2 + " of model '" + model
                + "' is ARCHIVED; only READY versions can be deployed");
    }

    @Test
    void anArchivedModelTakesNoTransitions() {
        String model = deployedModel();

        Reply archived = post(ADMIN_TOKEN, "/api/v1/models/" + model + "/archive", null);
        Reply rollback = post(token("deployer"), "/api/v1/models/" + model + "/deployment/rollback", "{\"version\":1}");

        assertThat(archived.json().get("archived").asBoolean()).isTrue();
        assertThat(rollback.status()).isEqualTo(409);
        assertThat(rollback.at("/detail")).isEqualTo("model '" + model + "' is archived");
    }

    /** A model whose version 1 is stable. */
    private String deployedModel() {
        String model = newModel();
        long v1 = uploadHalfPlusTwo(model);
        Reply promoted = post(token("deployer"), "/api/v1/models/" + model + "/deployment/promote",
                "{\"version\":" + v1 + "}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        return model;
    }
}
