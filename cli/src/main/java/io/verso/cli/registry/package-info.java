/**
 * The registry's HTTP API as the CLI calls it: bearer token, RFC 9457 problems turned into exit codes 2 (refused)
 * and 3 (unreachable or failing).
 */
package io.verso.cli.registry;
