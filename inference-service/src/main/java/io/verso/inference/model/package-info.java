/**
 * Runtime-neutral types of a served model: data types, shapes, signatures, tensor values, the {@link
 * io.verso.inference.model.Servable} contract and the request checks every runtime applies before executing, and
 * how requests name a version ({@link io.verso.inference.model.VersionSelector}) and how versions report their
 * state ({@link io.verso.inference.model.VersionStatus}), which the lifecycle produces and the APIs show.
 * Imports nothing from TensorFlow, Spring or the other packages of this service.
 */
package io.verso.inference.model;
