package io.verso.registry.model;

/**
 * Where a version stands in the registry, from registration to archiving. Only READY versions may be deployed.
 * Not to be confused with {@link io.verso.contracts.VersionStatus}, a version's load state in one pod. The constant
 * names are the {@code status} of the REST API and the database column, so they must not change.
 */
public enum VersionLifecycle {
    /** Recorded, artifact not yet verified (reserved for asynchronous ingestion from object stores). */
    REGISTERED,
    /** Artifact stored, checked and its signatures read. */
    READY,
    /** Artifact verification failed (reserved for asynchronous ingestion). */
    FAILED,
    /** Withdrawn by an admin: kept for the record, never deployed again. */
    ARCHIVED
}
