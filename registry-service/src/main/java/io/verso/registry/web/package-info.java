/**
 * What every HTTP feature shares: {@link io.verso.registry.web.RegistryException} (an error that names its
 * field), the RFC 9457 problem handler and the page envelope. Imports no feature package.
 */
package io.verso.registry.web;
