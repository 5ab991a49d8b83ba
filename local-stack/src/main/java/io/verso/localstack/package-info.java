/**
 * The one-command local stack: real PostgreSQL binaries (or a server of the user's), the registry, an inference pod
 * and the gateway as separate processes from their jars, with the demo models registered and promoted. Also the
 * process and archive helpers the end-to-end tests reuse.
 */
package io.verso.localstack;
