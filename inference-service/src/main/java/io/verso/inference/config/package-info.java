/**
 * The composition root: typed properties (one record per prefix, bound by the configuration that uses it),
 * translation of TensorFlow Serving's command-line flags, and the wiring of runtime, lifecycle, batching, data
 * plane, monitoring and APIs, including the HTTP routes. The only package with Spring configuration; nothing
 * imports it but the application class.
 */
package io.verso.inference.config;
