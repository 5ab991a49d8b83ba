package io.verso.inference.api.v2;

import io.verso.inference.model.DataType;
import java.nio.ByteBuffer;
import tools.jackson.databind.JsonNode;

/**
 * One input tensor of an infer request as it arrived, not yet decoded: its values are either JSON {@code data}
 * or a slice of the binary part of the body, never both.
 *
 * @param name the signature input key
 * @param datatype the type the client declared
 * @param shape the shape the client declared, every dimension non-negative
 * @param data the JSON values, flat or nested; null when the values came as binary
 * @param binary the raw little-endian bytes (Triton's binary tensor extension); null when the values came as JSON
 */
record V2Input(String name, DataType datatype, long[] shape, JsonNode data, ByteBuffer binary) {
}
