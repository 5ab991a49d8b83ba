package io.verso.contracts;

/** What a pod reports per version (a subset of TF Serving's version states). */
public enum ServingState {
    /** Downloading, verifying, loading or warming up. */
    LOADING,
    /** Loaded and warmed: may receive traffic. */
    AVAILABLE,
    /** Could not be downloaded, verified or loaded; see {@link VersionStatus#error()}. */
    ERROR
}
