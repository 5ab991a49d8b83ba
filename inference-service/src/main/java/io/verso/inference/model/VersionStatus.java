package io.verso.inference.model;

/** The state of one version of a model, with the cause when it is {@link VersionState#ERROR}. */
public record VersionStatus(String model, long version, VersionState state, String error) {
}
