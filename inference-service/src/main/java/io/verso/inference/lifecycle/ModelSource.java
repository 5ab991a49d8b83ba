package io.verso.inference.lifecycle;

/**
 * Where the set of versions to serve comes from (TensorFlow Serving's Source): a polled filesystem model
 * repository, or the registry's desired state. A source calls its target whenever a model's aspired versions
 * change; the manager decides when to load and unload.
 */
public interface ModelSource extends AutoCloseable {

    /** Starts emitting aspired versions to {@code target}; returns once the first full scan has been emitted. */
    void start(AspiredVersionsTarget target);

    @Override
    void close();
}
