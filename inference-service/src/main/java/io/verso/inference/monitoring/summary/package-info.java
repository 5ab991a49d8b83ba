/**
 * The pod's monitoring summary for the registry: per model version, requests, errors and latency over a sliding
 * window, with the drift monitor's worst PSI and breached features, sent periodically with the machine token so
 * that the registry can add up all pods for canary analysis.
 */
package io.verso.inference.monitoring.summary;
