/**
 * Gateway: the only entry point for clients; routes prediction traffic to inference pods.
 * Feature packages sit below this one; {@code config} is the composition root and nothing imports it.
 */
package io.verso.gateway;
