package io.verso.contracts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The versions of one model a pod must hold.
 *
 * @param model    model name, unique in the registry ({@code ^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$})
 * @param versions every version to hold, sorted by number; each appears once even when it plays several roles
 * @param labels   version label → version number, including the derived labels {@code stable} and (while a canary
 *                 runs) {@code canary}; sorted by label. TF Serving's {@code version_labels} take these values
 */
public record DesiredModel(String model, List<DesiredVersion> versions, Map<String, Long> labels) {

    public DesiredModel {
        Objects.requireNonNull(model, "model");
        versions = List.copyOf(versions);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
