/**
 * Composition root of the gateway: typed properties and route wiring. Any package may be imported here;
 * no other package imports this one (enforced by the ArchUnit test).
 */
package io.verso.gateway.config;
