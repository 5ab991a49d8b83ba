/**
 * The Spring Cloud Gateway filters of the inference route: the request body cached under the size limit, and the
 * routing filter that applies the routing core's decision, calls pods and mirrors shadow copies; and the feedback
 * broadcast, which sends ground-truth labels to every pod and merges their answers.
 */
package io.verso.gateway.proxy;
