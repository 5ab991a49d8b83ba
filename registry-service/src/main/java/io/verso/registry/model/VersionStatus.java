package io.verso.registry.model;

/** Where a version stands. Only READY versions may be deployed. */
public enum VersionStatus {
    /** Recorded, artifact not yet verified (reserved for asynchronous ingestion from object stores). */
    REGISTERED,
    /** Artifact stored, checked and its signatures read. */
    READY,
    /** Artifact verification failed (reserved for asynchronous ingestion). */
    FAILED,
    /** Withdrawn by an admin: kept for the record, never deployed again. */
    ARCHIVED
}
