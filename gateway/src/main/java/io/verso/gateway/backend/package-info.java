/**
 * Calls to inference pods: per-pod Resilience4j circuit breaker, time limiter and bulkhead, a retry on another pod
 * only when the request never left the gateway, and active health checks. Builds on {@code routing}.
 */
package io.verso.gateway.backend;
