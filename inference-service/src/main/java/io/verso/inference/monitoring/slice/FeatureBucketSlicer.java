package io.verso.inference.monitoring.slice;

import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.TensorValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Slices by which bucket a numeric input feature falls in: with boundaries {@code [2.5, 5.0]} a row is
 * {@code petal_length<2.5}, {@code 2.5<=petal_length<5.0} or {@code petal_length>=5.0}. The feature is column
 * {@code column} of each row of input {@code input} (a rank-1 input is one value per row, column 0). Rows whose
 * value cannot be read (input missing, not numeric, NaN) are {@value #MISSING}.
 */
public final class FeatureBucketSlicer implements Slicer {

    static final String MISSING = "none";

    private final String input;
    private final int column;
    private final double[] boundaries;
    private final List<String> names;

    public FeatureBucketSlicer(String input, int column, String feature, List<Double> boundaries) {
        if (boundaries.isEmpty()) {
            throw new IllegalArgumentException("slicing by " + feature + " needs at least one bucket boundary");
        }
        this.input = input;
        this.column = column;
        this.boundaries = boundaries.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        this.names = bucketNames(feature, this.boundaries);
    }

    private static List<String> bucketNames(String feature, double[] boundaries) {
        List<String> names = new ArrayList<>();
        names.add(feature + "<" + boundaries[0]);
        for (int i = 1; i < boundaries.length; i++) {
            names.add(boundaries[i - 1] + "<=" + feature + "<" + boundaries[i]);
        }
        names.add(feature + ">=" + boundaries[boundaries.length - 1]);
        return List.copyOf(names);
    }

    /** Every name this slicer can return, in bucket order, without {@value #MISSING}. */
    public List<String> bucketNames() {
        return names;
    }

    @Override
    public String slice(InferenceRecord record, int row) {
        TensorValue tensor = record.inputs() == null ? null : record.inputs().get(input);
        if (tensor == null || tensor.rank() == 0) {
            return MISSING;
        }
        long width = tensor.rank() == 1 ? 1 : tensor.elementCount() / Math.max(1, tensor.dim(0));
        long index = row * width + column;
        if (column >= width || index >= tensor.elementCount()) {
            return MISSING;
        }
        double value = tensor.asDouble((int) index);
        if (Double.isNaN(value)) {
            return MISSING;
        }
        int bucket = 0;
        while (bucket < boundaries.length && value >= boundaries[bucket]) {
            bucket++;
        }
        return names.get(bucket);
    }
}
