package io.verso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.contracts.ModelNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InferencePathTest {

    @ParameterizedTest
    @CsvSource({
            "/v1/models/m,                        m, , ,      ''",
            "/v1/models/m:predict,                m, , ,      :predict",
            "/v1/models/m/metadata,               m, , ,      /metadata",
            "/v1/models/m/versions/3:regress,     m, 3, ,     :regress",
            "/v1/models/m/versions/3/metadata,    m, 3, ,     /metadata",
            "/v1/models/m/labels/canary:classify, m, , canary, :classify",
            "/v2/models/m,                        m, , ,      ''",
            "/v2/models/m/infer,                  m, , ,      /infer",
            "/v2/models/m/versions/4/ready,       m, 4, ,     /ready"})
    void parsesBothApis(String raw, String model, Long version, String label, String suffix) {
        InferencePath path = InferencePath.parse(raw);
        assertThat(path.model()).isEqualTo(model);
        assertThat(path.version()).isEqualTo(version);
        assertThat(path.label()).isEqualTo(label);
        assertThat(path.suffix()).isEqualTo(suffix);
        assertThat(path.unchanged()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2", "/v2/health/live", "/v2/health/ready"})
    void serverLevelV2PathsHaveNoModel(String raw) {
        assertThat(InferencePath.parse(raw).model()).isNull();
        assertThat(InferencePath.parse(raw).unchanged()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/models/", "/v1/models/m:explode", "/v1/models/m/versions", "/v1/models/m/x/y",
            "/v2/models/m/explain", "/v2/models/m/versions/1/infer/more", "/v2/repository", "/v1/models/m/labels/"})
    void malformedPathsAreNotFound(String raw) {
        assertThatThrownBy(() -> InferencePath.parse(raw)).isInstanceOfSatisfying(RoutingProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/models/m/versions/abc:predict", "/v1/models/m/versions/0", "/v2/models/m/versions/-1/infer",
            "/v1/models/bad%20name:predict", "/v1/models/m/labels/Bad:predict", "/v1/models/m/labels/bad%20label",
            "/v1/models/.hidden:predict", "/v2/models/mod%C3%A8le/infer", "/v1/models/m/labels/1st"})
    void badVersionsAndModelNamesAreBadRequests(String raw) {
        assertThatThrownBy(() -> InferencePath.parse(raw)).isInstanceOfSatisfying(RoutingProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(400));
    }

    @Test
    void onlyUnpinnedModelRequestsChooseAVersion() {
        assertThat(InferencePath.parse("/v1/models/m:predict").choosesVersion()).isTrue();
        assertThat(InferencePath.parse("/v2/models/m").choosesVersion()).isTrue();
        assertThat(InferencePath.parse("/v1/models/m").choosesVersion()).isFalse();
        assertThat(InferencePath.parse("/v1/models/m/labels/a:predict").choosesVersion()).isFalse();
        assertThat(InferencePath.parse("/v2/health/live").choosesVersion()).isFalse();
    }

    /** Every name the registry registers must be reachable, and the answer to one it refuses names the rule. */
    @ParameterizedTest
    @ValueSource(strings = {"7", "Iris_v2.1-beta", "a..b", "x-"})
    void everyNameTheRegistryAcceptsIsReachable(String name) {
        assertThat(InferencePath.parse("/v1/models/" + name + ":predict").model()).isEqualTo(name);
        assertThat(InferencePath.parse("/v2/models/" + name + "/infer").model()).isEqualTo(name);
    }

    @Test
    void theNameLengthLimitIsTheRegistrys() {
        String longest = "m".repeat(ModelNames.MAX_NAME_LENGTH);
        assertThat(InferencePath.parse("/v1/models/" + longest + ":predict").model()).isEqualTo(longest);
        assertThatThrownBy(() -> InferencePath.parse("/v1/models/" + longest + "m:predict"))
                .isInstanceOfSatisfying(RoutingProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.getMessage()).contains("Invalid model name").contains(ModelNames.NAME_RULE);
                });
    }

    @Test
    void labelsFollowTheRegistrysRuleAndTheDerivedOnesAreAccepted() {
        String longest = "l".repeat(ModelNames.MAX_LABEL_LENGTH);
        assertThat(InferencePath.parse("/v1/models/m/labels/" + longest + ":predict").label()).isEqualTo(longest);
        assertThat(InferencePath.parse("/v1/models/m/labels/stable").label()).isEqualTo(ModelNames.STABLE);
        assertThat(InferencePath.of(Api.TF_SERVING, "m", null, "canary", ":predict", "grpc").label())
                .isEqualTo(ModelNames.CANARY);
        assertThatThrownBy(() -> InferencePath.of(Api.TF_SERVING, "m", null, "Canary", ":predict", "PredictRequest"))
                .isInstanceOfSatisfying(RoutingProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.getMessage()).contains("Invalid version label 'Canary' in PredictRequest")
                            .contains(ModelNames.LABEL_RULE);
                });
        assertThatThrownBy(() -> InferencePath.parse("/v1/models/m/labels/" + longest + "l"))
                .isInstanceOfSatisfying(RoutingProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
    }
}
