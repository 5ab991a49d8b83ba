package io.verso.inference.dataplane;

import io.verso.inference.model.VersionSelector;
import java.util.Set;

/**
 * One inference call, whatever protocol it came in on.
 *
 * @param model the model name
 * @param selector version number, label, or default
 * @param signatureName the signature to run; null or empty for {@code serving_default}
 * @param inputs decodes the body against the chosen signature
 * @param outputKeys outputs the client wants; empty for all
 * @param call who asked and how, for the observers
 */
public record InferenceRequest(String model, VersionSelector selector, String signatureName, InputDecoder inputs,
                               Set<String> outputKeys, CallContext call) {
}
