package io.verso.registry.pipeline;

import io.verso.registry.model.artifact.SignatureInfo;
import io.verso.registry.model.artifact.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema gate: clients built for the stable version must be able to call the candidate unchanged, so the
 * serving signature must take the same input names with the same dtypes. An input the stable version lacks fails
 * too: clients do not send it. Shapes are not compared: they are often left unknown in exports.
 */
final class SignatureCompatibility {

    private SignatureCompatibility() {
    }

    static GateCheck check(String signatureName, VersionFacts candidate, VersionFacts stable) {
        Optional<SignatureInfo> expected = find(stable, signatureName);
        if (expected.isEmpty()) {
            return new GateCheck("schema", false, "stable version " + stable.version() + " has no signature '"
                    + signatureName + "' to compare with");
        }
        Optional<SignatureInfo> actual = find(candidate, signatureName);
        if (actual.isEmpty()) {
            return new GateCheck("schema", false, "signature '" + signatureName + "' is missing from version "
                    + candidate.version());
        }
        List<String> problems = differences(expected.get().inputs(), actual.get().inputs(), stable.version());
        if (problems.isEmpty()) {
            return new GateCheck("schema", true, "signature '" + signatureName + "' takes the inputs of stable version "
                    + stable.version() + ": " + describe(expected.get().inputs()));
        }
        return new GateCheck("schema", false, "signature '" + signatureName + "' is incompatible with stable version "
                + stable.version() + ": " + String.join("; ", problems));
    }

    private static List<String> differences(Map<String, TensorSpec> expected, Map<String, TensorSpec> actual,
                                            long stableVersion) {
        List<String> problems = new ArrayList<>();
        expected.forEach((name, spec) -> {
            TensorSpec other = actual.get(name);
            if (other == null) {
                problems.add("input '" + name + "' is missing");
            } else if (!spec.dtype().equals(other.dtype())) {
                problems.add("input '" + name + "' has dtype " + other.dtype() + " instead of " + spec.dtype());
            }
        });
        actual.keySet().stream().filter(name -> !expected.containsKey(name)).forEach(name -> problems.add(
                "input '" + name + "' is not an input of stable version " + stableVersion));
        return problems;
    }

    private static Optional<SignatureInfo> find(VersionFacts version, String name) {
        return version.signatures().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String describe(Map<String, TensorSpec> inputs) {
        return inputs.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().dtype() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }
}
