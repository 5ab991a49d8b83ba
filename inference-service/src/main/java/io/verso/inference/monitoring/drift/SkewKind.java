package io.verso.inference.monitoring.drift;

/** Training–serving skew a serving value can show against its feature's baseline. */
public enum SkewKind {
    /** The feature is not among the request's inputs (or its column is absent), or the value is NaN. */
    MISSING("missing"),
    /** A string where the baseline is numeric, or a number where the baseline is categorical. */
    DTYPE_MISMATCH("dtype_mismatch"),
    /** A number outside the training range [min, max]. */
    OUT_OF_RANGE("out_of_range");

    private final String label;

    SkewKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
