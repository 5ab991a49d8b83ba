package io.verso.inference.lifecycle;

import io.verso.inference.model.Servable;
import java.nio.file.Path;

/**
 * Requests run against a freshly loaded version before it is reported AVAILABLE, so the first client does not pay
 * for TensorFlow's lazy graph optimisation and allocation. A failing warmup fails the load.
 */
@FunctionalInterface
public interface Warmup {

    Warmup NONE = (model, version, directory, servable) -> 0;

    /** @return the number of warmup requests run */
    int run(String model, long version, Path directory, Servable servable);
}
