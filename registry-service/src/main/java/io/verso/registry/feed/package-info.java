/**
 * The data plane's view of the registry: desired state for inference pods, routing table for gateways (both with
 * content-hash ETags and long-poll), and the pod status intake (a {@code podreport.PodReportIntake}, swept with
 * every other pod report). Reads {@code deployment} and {@code model}, uses {@code podreport} and {@code error};
 * nothing imports it except {@code config} and the console.
 */
package io.verso.registry.feed;
