/**
 * Client-facing protection of the inference APIs: API keys (from configuration or checked against the registry)
 * and per-client rate limits (in memory, or shared through Redis by a fleet of gateways).
 */
package io.verso.gateway.protection;
