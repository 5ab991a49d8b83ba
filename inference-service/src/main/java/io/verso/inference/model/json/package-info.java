/**
 * Tensors in JSON, the one set of rules that both HTTP APIs, warmup files and the prediction log share: reading
 * ({@link io.verso.inference.model.json.JsonTensors}: element kinds and ranges per datatype, shapes from nesting or
 * given explicitly), writing ({@link io.verso.inference.model.json.JsonTensorWriter}), and the mapper with
 * TensorFlow Serving's number rules ({@link io.verso.inference.model.json.Json}). Depends on {@code model} and
 * Jackson only.
 */
package io.verso.inference.model.json;
