package io.verso.inference.api.v2;

import java.util.List;

/**
 * An infer request after its JSON header was read and its binary part split among the inputs.
 *
 * @param id the client's request id, echoed in the response; null when it sent none
 * @param signatureName {@code parameters.signature_name}; null for {@code serving_default}
 * @param binaryOutputs {@code parameters.binary_data_output}: outputs that do not say otherwise come back binary
 * @param inputs the inputs in request order
 * @param outputs the outputs asked for, in request order; empty for all of them
 */
record V2InferRequest(String id, String signatureName, boolean binaryOutputs, List<V2Input> inputs,
                      List<V2RequestedOutput> outputs) {

    V2InferRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Whether an output goes back as raw bytes after the JSON header instead of as JSON {@code data}. */
    boolean isBinary(String outputName) {
        for (V2RequestedOutput output : outputs) {
            if (output.name().equals(outputName) && output.binary() != null) {
                return output.binary();
            }
        }
        return binaryOutputs;
    }
}
