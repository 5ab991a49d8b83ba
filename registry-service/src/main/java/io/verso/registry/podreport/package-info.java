/**
 * The one intake of pods' reports, shared by the feeds' pod status and analysis's monitoring summaries:
 * {@link io.verso.registry.podreport.PodReportIntake} (the base of each kind's receiver: pod id, per-version entry
 * checks, lease, expiry), the pod id rule ({@link io.verso.registry.podreport.PodId}, also what security binds a pod
 * token to), the {@link io.verso.registry.podreport.ReportLease} (received at, counts until) every stored report
 * embeds, and the single sweeper of expired reports. Imports {@code error} and {@code replica}; knows no feature.
 */
package io.verso.registry.podreport;
