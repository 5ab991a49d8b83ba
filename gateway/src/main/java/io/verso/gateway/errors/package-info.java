/**
 * Answers the gateway gives itself, in the inference APIs' error shape {@code {"error": "..."}}, so a client parses
 * a gateway refusal like a pod's. Imports nothing else of the gateway.
 */
package io.verso.gateway.errors;
