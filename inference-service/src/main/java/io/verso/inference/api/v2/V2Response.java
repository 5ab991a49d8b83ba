package io.verso.inference.api.v2;

/**
 * An encoded infer response.
 *
 * @param body the bytes to send: JSON, or a JSON header followed by raw output tensors
 * @param jsonLength the JSON header's length for {@code Inference-Header-Content-Length} when outputs follow it
 *     as binary; -1 when the whole body is JSON
 */
record V2Response(byte[] body, int jsonLength) {

    boolean hasBinaryOutputs() {
        return jsonLength >= 0;
    }
}
