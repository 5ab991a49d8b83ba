package io.verso.inference.model;

/**
 * One input or output of a signature: the key clients use ({@code x}), the graph tensor it maps to
 * ({@code x:0}), its element type and declared shape.
 */
public record TensorSpec(String key, String tensorName, DataType dataType, TensorShape shape) {
}
