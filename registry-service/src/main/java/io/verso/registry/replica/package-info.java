/**
 * Running several registry replicas on one database: {@link io.verso.registry.replica.ExclusiveJobs} lets a
 * periodic job that must not run twice at once take a PostgreSQL advisory lock, so that one replica runs each round
 * and another takes over when it dies. Work queued in rows claims its rows instead (webhook deliveries, rollout
 * evaluations: {@code FOR UPDATE SKIP LOCKED}).
 */
package io.verso.registry.replica;
