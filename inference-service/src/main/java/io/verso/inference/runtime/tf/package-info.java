/**
 * The TensorFlow Java runtime: loads SavedModels (repairing signatures that contradict their graph), reads
 * their signatures, converts tensors in bulk and runs sessions. The only package that imports
 * {@code org.tensorflow}; it depends on {@code model} alone.
 */
package io.verso.inference.runtime.tf;
