/**
 * What every HTTP feature shares: the RFC 9457 problem handler, which answers the services' domain errors
 * ({@code error.RegistryException}) through {@link io.verso.registry.web.ErrorStatus}, the only mapping of an
 * error kind to an HTTP status; the database-outage answer; the page envelope. Imports {@code error}, no feature
 * package.
 */
package io.verso.registry.web;
