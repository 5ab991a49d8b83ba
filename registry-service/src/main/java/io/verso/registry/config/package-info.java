/**
 * Composition root of the registry: typed properties and wiring. Any package may be imported here;
 * no other package imports this one (enforced by the ArchUnit test).
 */
package io.verso.registry.config;
