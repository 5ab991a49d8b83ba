package io.verso.inference.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a loaded servable offers: its callable signatures by key, the signatures it declares but cannot serve, each
 * with the reason (a signature that contradicts the graph is skipped, not fatal), and the signatures whose requests
 * are batched together.
 */
public record ServableMetadata(Map<String, SignatureSpec> signatures, Map<String, String> unavailableSignatures,
                               Set<String> batchedSignatures) {

    public ServableMetadata {
        signatures = Collections.unmodifiableMap(new TreeMap<>(signatures));
        unavailableSignatures = Collections.unmodifiableMap(new TreeMap<>(unavailableSignatures));
        batchedSignatures = Collections.unmodifiableSet(new TreeSet<>(batchedSignatures));
    }

    public ServableMetadata(Map<String, SignatureSpec> signatures, Map<String, String> unavailableSignatures) {
        this(signatures, unavailableSignatures, Set.of());
    }

    public ServableMetadata withBatchedSignatures(Set<String> batched) {
        return new ServableMetadata(signatures, unavailableSignatures, batched);
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
