/**
 * The data plane's view of the registry: desired state for inference pods, routing table for gateways (both with
 * content-hash ETags and long-poll), and the pod status intake with expiry. Reads {@code deployment} and
 * {@code model}; nothing imports it except {@code config}.
 */
package io.verso.registry.feed;
