package io.verso.registry.pipeline;

import io.verso.registry.model.artifact.SignatureInfo;
import java.util.List;
import java.util.Map;

/** What the gates read of a version: its number, its registered metrics and its signatures. */
record VersionFacts(long version, Map<String, Double> metrics, List<SignatureInfo> signatures) {
}
