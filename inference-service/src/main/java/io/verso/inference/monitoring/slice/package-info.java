/**
 * Slices: named subpopulations of predictions (by a request header such as {@code X-Verso-Slice}, or by buckets
 * of an input feature), with latency and the distribution of predicted classes per slice. Slice names are bounded
 * so that clients cannot create unbounded metric series.
 */
package io.verso.inference.monitoring.slice;
