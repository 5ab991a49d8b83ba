/**
 * What both HTTP APIs share: the JSON mapper with TensorFlow Serving's number rules, bounded body reading, and
 * the mapping of every failure to a status code with an {@code {"error": "..."}} body. Protocol codecs live in
 * {@code api.tfserving} and {@code api.v2}; they depend on {@code dataplane}, {@code lifecycle} and {@code model}.
 */
package io.verso.inference.api;
