/**
 * Model artifacts: the content-addressed {@link io.verso.registry.model.artifact.ArtifactStore}, archive checks
 * (zip-slip, links, size, {@code saved_model.pb}) and signature reading. The only package that imports
 * TensorFlow's generated protos ({@code org.tensorflow.proto}); it imports no other feature package.
 */
package io.verso.registry.model.artifact;
