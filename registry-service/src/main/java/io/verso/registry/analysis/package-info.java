/**
 * Monitoring analysis: pods' periodic monitoring summaries (traffic, errors, latency, drift, feedback quality per
 * model version) come in through {@code MonitoringIntake} (a pod-report intake), are kept in PostgreSQL while fresh,
 * and {@code MonitoringAnalysis} adds them up per version across the live pods. This is what the rollout engine
 * reads. Imports {@code model}, {@code podreport} and {@code error}.
 */
package io.verso.registry.analysis;
