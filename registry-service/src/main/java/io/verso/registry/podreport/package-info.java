/**
 * The one intake of pods' reports, shared by the feeds' pod status and analysis's monitoring summaries: the pod id
 * rule ({@link io.verso.registry.podreport.PodId}, also what security binds a pod token to), the checks of
 * per-version entries, the {@link io.verso.registry.podreport.ReportLease} (received at, counts until) every stored
 * report embeds, and the single sweeper of expired reports. Imports {@code error} and {@code replica}; knows no
 * feature: the stores register themselves as {@link io.verso.registry.podreport.ExpiringReports}.
 */
package io.verso.registry.podreport;
