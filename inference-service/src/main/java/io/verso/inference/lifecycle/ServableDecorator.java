package io.verso.inference.lifecycle;

import io.verso.inference.model.Servable;

/**
 * Wraps each freshly loaded servable before it serves (TensorFlow Serving's BatchingSession is such a wrapper).
 * The wrapper's {@link Servable#close()} must close the servable it wraps.
 */
@FunctionalInterface
public interface ServableDecorator {

    ServableDecorator NONE = (config, version, servable) -> servable;

    Servable decorate(ModelConfig config, long version, Servable servable);
}
