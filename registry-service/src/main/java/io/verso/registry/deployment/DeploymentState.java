package io.verso.registry.deployment;

/** Derived from the versions a deployment names; stored so that operators can query it in SQL. */
public enum DeploymentState {
    /** No stable version yet: nothing is served. */
    EMPTY,
    /** All traffic goes to the stable version. */
    STABLE,
    /** A canary takes its weight of the traffic. */
    CANARY
}
