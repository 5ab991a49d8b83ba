package io.verso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            "/v1/models/bad%20name:predict"})
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
}
