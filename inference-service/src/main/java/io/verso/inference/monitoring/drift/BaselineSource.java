package io.verso.inference.monitoring.drift;

import io.verso.contracts.FeatureBaseline;
import java.util.Map;

/** Where a version's training baselines come from: the registry's desired state or the version directory. */
@FunctionalInterface
public interface BaselineSource {

    /** Feature name → baseline of the version; empty when none is known (the version is then not monitored). */
    Map<String, FeatureBaseline> baselines(String model, long version);

    /** This source's baselines, or the other's when this one has none. */
    default BaselineSource orElse(BaselineSource other) {
        return (model, version) -> {
            Map<String, FeatureBaseline> found = baselines(model, version);
            return found.isEmpty() ? other.baselines(model, version) : found;
        };
    }
}
