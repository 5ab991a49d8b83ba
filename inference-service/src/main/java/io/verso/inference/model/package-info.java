/**
 * Runtime-neutral types of a served model: data types, shapes, signatures, tensor values, the {@link
 * io.verso.inference.model.Servable} contract and the request checks every runtime applies before executing.
 * Imports nothing from TensorFlow, Spring or the other packages of this service.
 */
package io.verso.inference.model;
