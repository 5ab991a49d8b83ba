package io.verso.inference.api.v2;

import io.verso.inference.dataplane.InputDecoder;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.JsonTensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the inputs of a V2 request once the signature is known, on an inference thread. Names and datatypes
 * are checked against the signature before any value is read, so a client learns that it sent INT32 where FP32
 * is expected rather than that element 0 is not an integer. Missing inputs and shapes are left to the
 * servable's {@link io.verso.inference.model.SignatureValidator}.
 */
final class V2InputDecoder implements InputDecoder {

    private final List<V2Input> inputs;

    V2InputDecoder(List<V2Input> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public Map<String, TensorValue> decode(SignatureSpec signature) {
        Map<String, TensorValue> decoded = new LinkedHashMap<>();
        for (V2Input input : inputs) {
            TensorSpec spec = signature.inputs().get(input.name());
            if (spec == null) {
                throw InferenceException.invalid("input '" + input.name() + "' is not an input of signature '"
                        + signature.key() + "'; its inputs are " + signature.inputs().keySet());
            }
            if (spec.dataType() != input.datatype()) {
                throw InferenceException.invalid("input '" + input.name() + "' has datatype "
                        + input.datatype().v2Name() + " but signature '" + signature.key() + "' expects "
                        + spec.dataType().v2Name());
            }
            decoded.put(input.name(), input.binary() != null
                    ? TensorValue.of(input.datatype(), input.shape(),
                            BinaryTensorCodec.decode(input.name(), input.datatype(), input.shape(), input.binary()))
                    : JsonTensors.readShaped(input.data(), input.datatype(), input.shape(), input.name()));
        }
        return decoded;
    }
}
