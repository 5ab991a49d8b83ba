/** Rules for the requests the registry sends on a client's behalf: where it never sends them. */
package io.verso.registry.outbound;
