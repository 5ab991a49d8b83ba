package io.verso.inference.model;

import java.util.Map;
import java.util.Set;

/**
 * Checks a request against a signature before any runtime sees it. TensorFlow itself checks neither input
 * names nor shapes of fed tensors, so a bad request would otherwise fail deep inside the graph, or worse,
 * succeed with a wrong answer. Every message names the input, what was expected and what arrived.
 */
public final class SignatureValidator {

    private SignatureValidator() {
    }

    public static void validate(SignatureSpec signature, Map<String, TensorValue> inputs, Set<String> outputKeys) {
        for (String key : inputs.keySet()) {
            if (!signature.inputs().containsKey(key)) {
                throw InferenceException.invalid("input '" + key + "' is not an input of signature '"
                        + signature.key() + "'; its inputs are " + signature.inputs().keySet());
            }
        }
        for (String key : signature.inputs().keySet()) {
            if (!inputs.containsKey(key)) {
                throw InferenceException.invalid("missing input '" + key + "' of signature '" + signature.key()
                        + "'; its inputs are " + signature.inputs().keySet());
            }
        }
        for (String key : outputKeys) {
            if (!signature.outputs().containsKey(key)) {
                throw InferenceException.invalid("output '" + key + "' is not an output of signature '"
                        + signature.key() + "'; its outputs are " + signature.outputs().keySet());
            }
        }
        String batchInput = null;
        long batchSize = -1;
        for (TensorSpec spec : signature.inputs().values()) {
            TensorValue value = inputs.get(spec.key());
            checkType(spec, value);
            checkShape(spec, value);
            if (spec.shape().hasBatchDimension() && value.rank() > 0) {
                if (batchInput != null && value.dim(0) != batchSize) {
                    throw InferenceException.invalid("inputs '" + batchInput + "' and '" + spec.key()
                            + "' disagree on the batch size (dimension 0): " + batchSize + " vs " + value.dim(0));
                }
                batchInput = spec.key();
                batchSize = value.dim(0);
            }
        }
    }

    private static void checkType(TensorSpec spec, TensorValue value) {
        if (value.dataType() != spec.dataType()) {
            throw InferenceException.invalid("input '" + spec.key() + "' expects " + spec.dataType().tfName()
                    + " (" + spec.dataType().v2Name() + ") but got " + value.dataType().tfName() + " ("
                    + value.dataType().v2Name() + ")");
        }
    }

    /**
     * Ranks must match and fixed dimensions must agree. One relaxation keeps TensorFlow Serving clients working:
     * a tensor may omit trailing dimensions that the signature fixes at 1 ({@code [3]} for {@code [-1,1]}), which
     * TensorFlow feeds unchanged, as TensorFlow Serving does for {@code {"instances": [1.0, 2.0]}}.
     */
    private static void checkShape(TensorSpec spec, TensorValue value) {
        TensorShape declared = spec.shape();
        if (declared.isUnknownRank()) {
            return;
        }
        int rank = value.rank();
        boolean rankOk = rank == declared.rank() || (rank < declared.rank() && trailingOnes(declared, rank));
        if (!rankOk) {
            throw InferenceException.invalid("input '" + spec.key() + "' expects shape " + declared + " (rank "
                    + declared.rank() + ") but got shape " + TensorShape.format(value.shape()) + " (rank " + rank + ")");
        }
        for (int i = 0; i < rank; i++) {
            long want = declared.dim(i);
            if (want != TensorShape.UNKNOWN_DIM && want != value.dim(i)) {
                throw InferenceException.invalid("input '" + spec.key() + "' expects shape " + declared
                        + " but got shape " + TensorShape.format(value.shape()) + ": dimension " + i + " must be "
                        + want + ", not " + value.dim(i));
            }
        }
    }

    private static boolean trailingOnes(TensorShape declared, int from) {
        for (int i = Math.max(from, 1); i < declared.rank(); i++) {
            if (declared.dim(i) != 1) {
                return false;
            }
        }
        return from >= 1;
    }
}
