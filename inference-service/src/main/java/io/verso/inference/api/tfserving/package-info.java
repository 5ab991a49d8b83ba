/**
 * TensorFlow Serving's REST API v1, wire-compatible: model status, metadata, predict (row and columnar),
 * classify and regress, addressed by version or label. A thin codec over {@code dataplane}.
 */
package io.verso.inference.api.tfserving;
