package io.verso.registry.rollout;

/** Where a rollout is; the last four are final. */
public enum RolloutPhase {
    RUNNING,
    PAUSED,
    PROMOTED,
    /** The analysis found a failing metric and rolled the canary back. */
    ROLLED_BACK,
    /** An operator aborted it, which rolled the canary back. */
    ABORTED,
    /**
     * The deployment's canary was changed by hand (promoted, rolled back, replaced): the rollout has nothing left
     * to run.
     */
    SUPERSEDED
}
