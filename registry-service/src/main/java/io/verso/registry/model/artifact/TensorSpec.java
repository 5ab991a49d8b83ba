package io.verso.registry.model.artifact;

import java.util.List;

/**
 * One input or output of a signature, as {@code saved_model.pb} declares it.
 *
 * @param tensor graph tensor name (e.g. {@code x:0})
 * @param dtype  TensorFlow data type name (e.g. {@code DT_FLOAT})
 * @param shape  dimensions, -1 for an unknown one; {@code null} when the rank is unknown or no shape is declared
 */
public record TensorSpec(String tensor, String dtype, List<Long> shape) {
}
