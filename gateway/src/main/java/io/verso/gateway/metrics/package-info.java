/**
 * Micrometer meters of the gateway: request timers per model, version, role and outcome, shadow comparisons, and
 * rate-limit rejections. Circuit-breaker state comes from resilience4j's own Micrometer binding.
 */
package io.verso.gateway.metrics;
