package io.verso.inference.api.v2;

import io.verso.inference.api.BinaryTensorCodec;
import io.verso.inference.dataplane.InputDecoder;
import io.verso.inference.model.DataType;
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
public final class V2InputDecoder implements InputDecoder {

    private final List<V2Input> inputs;

    V2InputDecoder(List<V2Input> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public Map<String, TensorValue> decode(SignatureSpec signature) {
        Map<String, TensorValue> decoded = new LinkedHashMap<>();
        for (V2Input input : inputs) {
            checkDeclared(signature, input.name(), input.datatype());
            decoded.put(input.name(), input.binary() != null
                    ? TensorValue.of(input.datatype(), input.shape(),
                            BinaryTensorCodec.decode(input.name(), input.datatype(), input.shape(), input.binary()))
                    : JsonTensors.readShaped(input.data(), input.datatype(), input.shape(), input.name()));
        }
        return decoded;
    }

    /**
     * Checks that a V2 input, over REST or gRPC, is one of the signature's and declares its datatype.
     *
     * @throws InferenceException INVALID_ARGUMENT naming the input and what the signature expects
     */
    public static void checkDeclared(SignatureSpec signature, String name, DataType datatype) {
        TensorSpec spec = signature.inputs().get(name);
        if (spec == null) {
            throw InferenceException.invalid("input '" + name + "' is not an input of signature '"
                    + signature.key() + "'; its inputs are " + signature.inputs().keySet());
        }
        if (spec.dataType() != datatype) {
            throw InferenceException.invalid("input '" + name + "' has datatype " + datatype.v2Name()
                    + " but signature '" + signature.key() + "' expects " + spec.dataType().v2Name());
        }
    }
}
