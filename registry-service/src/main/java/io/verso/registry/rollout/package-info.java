/**
 * The rollout engine: progressive rollouts of a model version (steps of canary weight) that the registry advances,
 * promotes or rolls back by comparing the canary's monitoring against the stable version's. The statistics are
 * small pure classes; the rollout's state is a PostgreSQL row, locked by whichever registry replica evaluates it,
 * and every move is a deployment transition with its audit event.
 *
 * <p>May import {@code analysis} (the monitoring it compares), {@code deployment} (the transitions it applies),
 * {@code model} and the domain errors of {@code error}; never feeds, audit, security or HTTP
 * status types outside its controller.
 */
package io.verso.registry.rollout;
