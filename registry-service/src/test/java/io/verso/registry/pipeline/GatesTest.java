package io.verso.registry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.model.artifact.SignatureInfo;
import io.verso.registry.model.artifact.TensorSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTest {

    private static final PipelinePolicy BOTH = new PipelinePolicy(true, "accuracy", 0.02, true, "serving_default", 10);
    private static final VersionFacts STABLE = version(1, 0.90, Map.of("x", spec("DT_FLOAT"), "mask", spec("DT_INT64")));

    @Test
    void aCompatibleVersionWithinEpsilonPassesBothGates() {
        List<GateCheck> checks = Gates.evaluate(BOTH, version(2, 0.885, STABLE.signatures().get(0).inputs()), STABLE);

        assertThat(Gates.allPassed(checks)).isTrue();
        assertThat(checks).extracting(GateCheck::gate).containsExactly("accuracy", "schema");
        assertThat(checks.get(0).detail()).isEqualTo("accuracy 0.885 ≥ 0.88 (stable version 1: 0.9 − 0.02)");
        assertThat(checks.get(1).detail()).isEqualTo(
                "signature 'serving_default' takes the inputs of stable version 1: mask (DT_INT64), x (DT_FLOAT)");
    }

    @Test
    void accuracyBelowTheStableMinusEpsilonFails() {
        GateCheck accuracy = Gates.evaluate(BOTH, version(2, 0.87, STABLE.signatures().get(0).inputs()), STABLE).get(0);

        assertThat(accuracy.passed()).isFalse();
        assertThat(accuracy.detail()).isEqualTo("accuracy 0.87 < 0.88 (stable version 1: 0.9 − 0.02)");
    }

    @Test
    void aMissingMetricFailsOnEitherSide() {
        VersionFacts noMetrics = new VersionFacts(2, Map.of(), STABLE.signatures());
        VersionFacts stableWithout = new VersionFacts(1, Map.of("auc", 0.8), STABLE.signatures());

        assertThat(Gates.evaluate(BOTH, noMetrics, STABLE).get(0).detail())
                .isEqualTo("version 2 was registered without metric 'accuracy'");
        assertThat(Gates.evaluate(BOTH, version(2, 0.95, STABLE.signatures().get(0).inputs()), stableWithout).get(0)
                .detail()).isEqualTo("stable version 1 has no metric 'accuracy' to compare with");
    }

    @Test
    void theSchemaGateNamesEveryMissingRetypedAndNewInput() {
        VersionFacts changed = version(2, 0.95, new java.util.TreeMap<>(Map.of("x", spec("DT_DOUBLE"),
                "extra", spec("DT_FLOAT"))));

        GateCheck schema = Gates.evaluate(BOTH, changed, STABLE).get(1);

        assertThat(schema.passed()).isFalse();
        assertThat(schema.detail()).startsWith("signature 'serving_default' is incompatible with stable version 1: ")
                .contains("input 'mask' is missing")
                .contains("input 'x' has dtype DT_DOUBLE instead of DT_FLOAT")
                .contains("input 'extra' is not an input of stable version 1");
    }

    @Test
    void aMissingSignatureFailsTheSchemaGate() {
        VersionFacts other = new VersionFacts(2, Map.of("accuracy", 0.95),
                List.of(new SignatureInfo("predict", "tensorflow/serving/predict", Map.of("x", spec("DT_FLOAT")),
                        Map.of())));

        assertThat(Gates.evaluate(BOTH, other, STABLE).get(1).detail())
                .isEqualTo("signature 'serving_default' is missing from version 2");
    }

    @Test
    void withoutAStableVersionNothingQualifies() {
        List<GateCheck> checks = Gates.evaluate(BOTH, STABLE, null);

        assertThat(Gates.allPassed(checks)).isFalse();
        assertThat(checks).containsExactly(new GateCheck("stable", false,
                "the model has no stable version to compare with; promote one first"));
    }

    @Test
    void unconfiguredGatesAreNotChecked() {
        PipelinePolicy none = new PipelinePolicy(true, null, 0, false, "serving_default", 10);

        assertThat(Gates.evaluate(none, version(2, 0.1, Map.of()), STABLE)).isEmpty();
    }

    private static VersionFacts version(long number, double accuracy, Map<String, TensorSpec> inputs) {
        return new VersionFacts(number, Map.of("accuracy", accuracy),
                List.of(new SignatureInfo("serving_default", "tensorflow/serving/predict",
                        new java.util.TreeMap<>(inputs), Map.of())));
    }

    private static TensorSpec spec(String dtype) {
        return new TensorSpec("t:0", dtype, List.of(-1L));
    }
}
