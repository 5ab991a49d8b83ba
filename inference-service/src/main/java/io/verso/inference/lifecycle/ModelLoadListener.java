package io.verso.inference.lifecycle;

import java.time.Duration;

/** Told when a version's load ends, with how long loading and warmup took (all attempts together). */
@FunctionalInterface
public interface ModelLoadListener {

    /**
     * Runs on the model-loading thread; must not block.
     *
     * @param available true when the version became AVAILABLE, false when it ended in ERROR
     */
    void loadFinished(String model, long version, Duration took, boolean available);
}
