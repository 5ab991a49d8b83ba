package io.verso.inference.monitoring.drift;

import java.util.List;
import java.util.Map;

/**
 * Where a baseline's feature sits in a request's inputs: an input of the same name holding one value per row
 * ({@code [batch]} or {@code [batch, 1]}), or a column of an input that holds several features side by side
 * ({@code [batch, k]}), as the model's monitoring config names them.
 *
 * @param input  the signature input
 * @param column the column within each row; 0 for a one-value-per-row input
 * @param columnar whether the input holds several columns (then {@code column} selects one)
 */
record FeatureLocation(String input, int column, boolean columnar) {

    /**
     * @param columns input name → the feature name of each of its columns (from
     *                {@code verso.inference.monitoring.models.<m>.columns.<input>})
     */
    static FeatureLocation of(String feature, Map<String, List<String>> columns) {
        for (Map.Entry<String, List<String>> input : columns.entrySet()) {
            int column = input.getValue().indexOf(feature);
            if (column >= 0) {
                return new FeatureLocation(input.getKey(), column, true);
            }
        }
        return new FeatureLocation(feature, 0, false);
    }
}
