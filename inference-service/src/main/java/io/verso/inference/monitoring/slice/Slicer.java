package io.verso.inference.monitoring.slice;

import io.verso.inference.dataplane.InferenceRecord;

/** Names the slice that one row (instance) of a call belongs to. Implementations return few distinct names. */
public interface Slicer {

    /** The slice name of calls of models that configure no slicing. */
    String ALL = "all";

    /** Everything in one slice. */
    Slicer NONE = (record, row) -> ALL;

    String slice(InferenceRecord record, int row);
}
