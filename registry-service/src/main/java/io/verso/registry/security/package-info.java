/**
 * Who may do what: bearer API tokens stored as SHA-256 hashes, their roles, the bootstrap admin token, the filter
 * chain and the 401/403 problem answers. Imports {@code web}, {@code error} and {@code podreport} (the pod id rule
 * a pod token is bound to); features read the caller as a {@link java.security.Principal} whose name is the token's
 * name.
 */
package io.verso.registry.security;
