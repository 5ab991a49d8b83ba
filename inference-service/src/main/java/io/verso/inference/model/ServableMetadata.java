package io.verso.inference.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a loaded servable offers: its callable signatures by key, and the signatures it declares but cannot
 * serve, each with the reason (a signature that contradicts the graph is skipped, not fatal).
 */
public record ServableMetadata(Map<String, SignatureSpec> signatures, Map<String, String> unavailableSignatures) {

    public ServableMetadata {
        signatures = Collections.unmodifiableMap(new TreeMap<>(signatures));
        unavailableSignatures = Collections.unmodifiableMap(new TreeMap<>(unavailableSignatures));
    }

    /**
     * The signature a request names, or {@code serving_default} when it names none. A missing signature is a
     * client error whose message lists what exists.
     */
    public SignatureSpec signature(String requestedKey) {
        String key = requestedKey == null || requestedKey.isEmpty() ? SignatureSpec.DEFAULT_KEY : requestedKey;
        SignatureSpec spec = signatures.get(key);
        if (spec != null) {
            return spec;
        }
        String why = Optional.ofNullable(unavailableSignatures.get(key)).map(r -> " is unavailable: " + r)
                .orElse(" not found; available signatures: " + signatures.keySet());
        throw new InferenceException(ErrorCode.INVALID_ARGUMENT, "Serving signature name: \"" + key + "\"" + why);
    }
}
