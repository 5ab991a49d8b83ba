package io.verso.contracts;

/** Why a version is in a pod's {@link DesiredState}. */
public enum VersionRole {
    /** Receives the traffic that does not go to the canary. */
    STABLE,
    /** Receives the canary weight of the traffic once a pod reports it AVAILABLE. */
    CANARY,
    /** The stable version before the last promotion; kept loaded so that a rollback needs no load. */
    PREVIOUS_STABLE,
    /** Named by a custom label; clients may pin it explicitly. */
    LABELED
}
