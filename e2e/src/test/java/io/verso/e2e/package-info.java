/**
 * End-to-end tests: the registry (on an embedded PostgreSQL), an inference pod and the gateway run as separate
 * processes from their jars and are driven only over HTTP, as an operator and a client would: rollouts under load,
 * faults (PostgreSQL, pods, the gateway, the registry) and hostile input, with the figures docs/reliability.md
 * reports.
 */
package io.verso.e2e;
