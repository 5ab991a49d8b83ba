package io.verso.contracts;

/**
 * The state of one version in one pod.
 *
 * @param model   model name
 * @param version version number
 * @param state   where loading got to; only {@link ServingState#AVAILABLE} versions receive traffic
 * @param error   why the version is in {@link ServingState#ERROR}; {@code null} otherwise
 */
public record VersionStatus(String model, long version, ServingState state, String error) {
}
