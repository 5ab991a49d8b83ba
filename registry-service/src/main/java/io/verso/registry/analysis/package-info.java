/**
 * Monitoring analysis: pods' periodic monitoring summaries (traffic, errors, latency, drift, feedback quality per
 * model version) are kept in PostgreSQL while fresh and added up per version across the live pods. This is what
 * automated canary analysis reads.
 */
package io.verso.registry.analysis;
