package io.verso.inference.dataplane;

import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import java.util.Map;

/**
 * Turns a request body into input tensors once the signature is known: TensorFlow Serving's JSON carries no
 * types, so values can only be read against the signature's dtypes. Runs on an inference thread.
 */
@FunctionalInterface
public interface InputDecoder {

    Map<String, TensorValue> decode(SignatureSpec signature);
}
