/**
 * Tracing at the gateway, on top of what Spring already traces (the server span of each request, continuing a
 * client's W3C {@code traceparent}, and Spring Cloud Gateway's client span to the pod, which sends
 * {@code traceparent} on): the route decision as attributes of the server span, and the shadow copy as a span of
 * its own trace, linked to the request it copies. Builds on {@code routing}.
 */
package io.verso.gateway.tracing;
