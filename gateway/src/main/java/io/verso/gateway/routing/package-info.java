/**
 * The routing core, framework-free: parsing inference paths, the stable/canary/pinned decision, sticky hashing and
 * pod picking. Imports only the JDK and {@code io.verso.contracts}; the Spring Cloud Gateway filters sit on top.
 */
package io.verso.gateway.routing;
