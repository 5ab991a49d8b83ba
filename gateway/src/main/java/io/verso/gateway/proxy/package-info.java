/**
 * The Spring Cloud Gateway filters of the inference route: the request body cached under the size limit, and the
 * routing filter that applies the routing core's decision, calls pods and mirrors shadow copies.
 */
package io.verso.gateway.proxy;
