package io.verso.registry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.Archives;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import io.verso.registry.testsupport.SavedModels;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.tensorflow.proto.DataType;
import tools.jackson.databind.JsonNode;

/**
 * A training pipeline's path through the registry: its publisher token registers versions with metrics, the model's
 * policy checks them against the stable version and starts a canary for one that qualifies, audited under the
 * pipeline's name.
 */
class ContinuousTrainingIT extends RegistryHttpTest {

    private static final String POLICY = """
            {"autoRollout": true, "accuracyMetric": "accuracy", "maxAccuracyDrop": 0.02,
             "requireSchemaCompatible": true, "canaryWeight": 15}""";

    @Test
    void aCompatibleVersionWithGoodAccuracyStartsAProgressiveRolloutAuditedAsThePipeline() {
        String model = modelWithStableVersionAndPolicy();

        Reply registered = publish(model, Archives.tarGz(Archives.fixture("saved_model_half_plus_three")), 0.89);
        JsonNode gates = get(token("publisher"), "/api/v1/models/" + model + "/versions/2/gates").json();
        JsonNode deployment = get(token("viewer"), "/api/v1/models/" + model + "/deployment").json();
        JsonNode event = get(token("viewer"), "/api/v1/models/" + model + "/deployment/history").json().at("/items/0");
        JsonNode rollout = get(token("viewer"), "/api/v1/models/" + model + "/deployment/rollout").json();

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(gates.get("passed").asBoolean()).isTrue();
        assertThat(gates.get("stableVersion").asLong()).isEqualTo(1);
        assertThat(gates.at("/checks/0/detail").asString()).isEqualTo(
                "accuracy 0.89 ≥ 0.88 (stable version 1: 0.9 − 0.02)");
        assertThat(gates.at("/checks/1/detail").asString()).isEqualTo(
                "signature 'serving_default' takes the inputs of stable version 1: x (DT_FLOAT)");
        assertThat(gates.get("rollout").asString()).isEqualTo("rollout started at 15% through [15, 25, 50, 100]");
        assertThat(deployment.get("canaryVersion").asLong()).isEqualTo(2);
        assertThat(deployment.get("canaryWeight").asInt()).isEqualTo(15);
        assertThat(rollout.get("version").asLong()).isEqualTo(2);
        assertThat(rollout.get("startedBy").asString()).isEqualTo("it-publisher");
        assertThat(event.get("action").asString()).isEqualTo("ROLLOUT_STARTED");
        assertThat(event.get("actor").asString()).isEqualTo("it-publisher");
        assertThat(event.get("reason").asString()).endsWith("pipeline policy auto-rollout; gates passed: "
                + "accuracy (accuracy 0.89 ≥ 0.88 (stable version 1: 0.9 − 0.02)); "
                + "schema (signature 'serving_default' takes the inputs of stable version 1: x (DT_FLOAT))");
    }

    @Test
    void aVersionBelowTheStableAccuracyIsRegisteredButNotRolledOut() {
        String model = modelWithStableVersionAndPolicy();

        Reply registered = publish(model, Archives.tarGz(Archives.fixture("saved_model_half_plus_three")), 0.85);
        JsonNode gates = get(token("viewer"), "/api/v1/models/" + model + "/versions/2/gates").json();

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(gates.get("passed").asBoolean()).isFalse();
        assertThat(gates.at("/checks/0/passed").asBoolean()).isFalse();
        assertThat(gates.at("/checks/0/detail").asString()).isEqualTo(
                "accuracy 0.85 < 0.88 (stable version 1: 0.9 − 0.02)");
        assertThat(gates.get("rollout").isNull()).isTrue();
        assertNoCanary(model);
    }

    @Test
    void aVersionWithARenamedInputIsRefusedForAutoRolloutNamingTheInput() {
        String model = modelWithStableVersionAndPolicy();

        Reply registered = publish(model,
                SavedModels.withServingInputRenamed("saved_model_half_plus_two_cpu", "x", "features"), 0.95);
        JsonNode gates = get(token("viewer"), "/api/v1/models/" + model + "/versions/2/gates").json();

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.at("/signatures/4/inputs/features/dtype")).isEqualTo("DT_FLOAT");
        assertThat(gates.get("passed").asBoolean()).isFalse();
        assertThat(gates.at("/checks/0/passed").asBoolean()).isTrue();
        assertThat(gates.at("/checks/1/passed").asBoolean()).isFalse();
        assertThat(gates.at("/checks/1/detail").asString()).isEqualTo(
                "signature 'serving_default' is incompatible with stable version 1: input 'x' is missing; "
                        + "input 'features' is not an input of stable version 1");
        assertNoCanary(model);
    }

    @Test
    void aVersionWithARetypedInputIsRefusedForAutoRolloutNamingTheDtypes() {
        String model = modelWithStableVersionAndPolicy();

        publish(model, SavedModels.withServingInputType("saved_model_half_plus_two_cpu", "x", DataType.DT_DOUBLE), 0.95);
        JsonNode gates = get(token("viewer"), "/api/v1/models/" + model + "/versions/2/gates").json();

        assertThat(gates.at("/checks/1/detail").asString()).isEqualTo("signature 'serving_default' is incompatible "
                + "with stable version 1: input 'x' has dtype DT_DOUBLE instead of DT_FLOAT");
        assertNoCanary(model);
    }

    @Test
    void thePublisherMayRegisterAndReadButNeitherCreateModelsNorMoveTraffic() {
        String model = modelWithStableVersionAndPolicy();

        Reply promote = post(token("publisher"), "/api/v1/models/" + model + "/deployment/promote", "{\"version\":1}");
        Reply rollback = post(token("publisher"), "/api/v1/models/" + model + "/deployment/rollback", "{}");
        Reply create = post(token("publisher"), "/api/v1/models", "{\"name\":\"ci-made\"}");
        Reply policy = call(token("publisher"), HttpMethod.PUT, "/api/v1/models/" + model + "/pipeline-policy",
                POLICY, h -> { });

        assertThat(promote.status()).isEqualTo(403);
        assertThat(promote.at("/detail")).isEqualTo("token 'it-publisher' may not POST /api/v1/models/" + model
                + "/deployment/promote; its role does not allow it");
        assertThat(rollback.status()).isEqualTo(403);
        assertThat(create.status()).isEqualTo(403);
        assertThat(policy.status()).isEqualTo(403);
        assertThat(get(token("publisher"), "/api/v1/models/" + model + "/versions/1").status()).isEqualTo(200);
        assertThat(get(token("publisher"), "/api/v1/models/" + model + "/pipeline-policy").at("/updatedBy"))
                .isEqualTo("it-deployer");
    }

    @Test
    void withoutAPolicyThereIsNoVerdictAndWithoutAStableVersionNothingQualifies() {
        String model = newModel();
        uploadHalfPlusTwo(model);
        Reply noVerdict = get(token("viewer"), "/api/v1/models/" + model + "/versions/1/gates");
        putPolicy(model, POLICY);

        publish(model, Archives.tarGz(Archives.fixture("saved_model_half_plus_three")), 0.95);
        JsonNode gates = get(token("viewer"), "/api/v1/models/" + model + "/versions/2/gates").json();

        assertThat(noVerdict.status()).isEqualTo(404);
        assertThat(noVerdict.at("/detail")).isEqualTo("version 1 of model '" + model
                + "' has no gate verdict: the model had no pipeline policy when it was registered");
        assertThat(gates.get("passed").asBoolean()).isFalse();
        assertThat(gates.at("/checks/0/detail").asString())
                .isEqualTo("the model has no stable version to compare with; promote one first");
        assertThat(get(token("viewer"), "/api/v1/models/" + model + "/deployment").at("/state")).isEqualTo("EMPTY");
    }

    @Test
    void aBadPolicyIsRefusedNamingTheField() {
        String model = newModel();

        Reply weight = call(token("deployer"), HttpMethod.PUT, "/api/v1/models/" + model + "/pipeline-policy",
                "{\"autoRollout\":true,\"canaryWeight\":0}", h -> { });
        Reply drop = call(token("deployer"), HttpMethod.PUT, "/api/v1/models/" + model + "/pipeline-policy",
                "{\"autoRollout\":true,\"maxAccuracyDrop\":-0.1}", h -> { });
        Reply missing = call(token("deployer"), HttpMethod.PUT, "/api/v1/models/" + model + "/pipeline-policy",
                "{}", h -> { });
        Reply none = get(token("viewer"), "/api/v1/models/" + model + "/pipeline-policy");

        assertThat(weight.status()).isEqualTo(400);
        assertThat(weight.toString()).contains("canaryWeight").contains("must be between 1 and 100");
        assertThat(drop.status()).isEqualTo(400);
        assertThat(drop.toString()).contains("maxAccuracyDrop").contains("must not be negative");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.toString()).contains("autoRollout");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.at("/detail")).isEqualTo("model '" + model + "' has no pipeline policy");
    }

    /** Version 1 (accuracy 0.9) stable, and {@link #POLICY}. */
    private String modelWithStableVersionAndPolicy() {
        String model = newModel();
        Reply v1 = upload(token("deployer"), model, Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu")),
                "model.tar.gz", null, "{\"metrics\":{\"accuracy\":0.9}}");
        assertThat(v1.status()).as(v1.toString()).isEqualTo(201);
        Reply promoted = post(token("deployer"), "/api/v1/models/" + model + "/deployment/promote", "{\"version\":1}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        putPolicy(model, POLICY);
        return model;
    }

    private void putPolicy(String model, String policy) {
        Reply put = call(token("deployer"), HttpMethod.PUT, "/api/v1/models/" + model + "/pipeline-policy", policy,
                h -> { });
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    private Reply publish(String model, byte[] archive, double accuracy) {
        Reply reply = upload(token("publisher"), model, archive, "model.tar.gz", null,
                "{\"metrics\":{\"accuracy\":" + accuracy + "},\"tags\":{\"pipeline\":\"nightly\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private void assertNoCanary(String model) {
        JsonNode deployment = get(token("viewer"), "/api/v1/models/" + model + "/deployment").json();
        assertThat(deployment.get("state").asString()).isEqualTo("STABLE");
        assertThat(deployment.get("canaryVersion").isNull()).isTrue();
    }
}
