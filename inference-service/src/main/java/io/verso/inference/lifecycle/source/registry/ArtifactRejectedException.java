package io.verso.inference.lifecycle.source.registry;

/** An artifact the pod refuses to serve (wrong digest or size, unsafe archive); the message is the reason. */
final class ArtifactRejectedException extends Exception {

    ArtifactRejectedException(String message) {
        super(message);
    }
}
