package io.verso.registry.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a candidate version against the stable one under a policy. Plain Java: every gate's rule is tested
 * without Spring or a database.
 */
final class Gates {

    private Gates() {
    }

    /** One check per configured gate; a single failed {@code stable} check when there is nothing to compare with. */
    static List<GateCheck> evaluate(PipelinePolicy policy, VersionFacts candidate, VersionFacts stable) {
        if (stable == null) {
            return List.of(new GateCheck("stable", false,
                    "the model has no stable version to compare with; promote one first"));
        }
        List<GateCheck> checks = new ArrayList<>();
        if (policy.accuracyMetric() != null) {
            checks.add(accuracy(policy, candidate, stable));
        }
        if (policy.requireSchemaCompatible()) {
            checks.add(SignatureCompatibility.check(policy.servingSignature(), candidate, stable));
        }
        return checks;
    }

    static boolean allPassed(List<GateCheck> checks) {
        return checks.stream().allMatch(GateCheck::passed);
    }

    private static GateCheck accuracy(PipelinePolicy policy, VersionFacts candidate, VersionFacts stable) {
        String metric = policy.accuracyMetric();
        Double value = candidate.metrics().get(metric);
        Double baseline = stable.metrics().get(metric);
        if (value == null) {
            return new GateCheck("accuracy", false, "version " + candidate.version() + " was registered without metric '"
                    + metric + "'");
        }
        if (baseline == null) {
            return new GateCheck("accuracy", false, "stable version " + stable.version()
                    + " has no metric '" + metric + "' to compare with");
        }
        // In decimal, as the metrics were written: 0.9 − 0.02 is 0.88, not 0.8800000000000001.
        BigDecimal floor = BigDecimal.valueOf(baseline).subtract(BigDecimal.valueOf(policy.maxAccuracyDrop()));
        boolean passed = BigDecimal.valueOf(value).compareTo(floor) >= 0;
        return new GateCheck("accuracy", passed, metric + " " + value + (passed ? " ≥ " : " < ")
                + floor.stripTrailingZeros().toPlainString() + " (stable version " + stable.version() + ": " + baseline
                + " − " + policy.maxAccuracyDrop() + ")");
    }
}
