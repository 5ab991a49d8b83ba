package io.verso.inference.monitoring;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a call predicted for each of its rows, in the form feedback scores it and slice metrics count it:
 * a class name per row (classification) or a number per row (regression).
 * <p>
 * The scored output is the configured {@code label-output}; else the first present of {@code class_ids},
 * {@code classes}, {@code probabilities}, {@code scores}, {@code predictions}; else the first output by name.
 * Without a configured task it is inferred: an integer or string output holds class ids/names (classification),
 * a float output of rank 2 with more than one column holds per-class scores (classification by argmax), any other
 * float output is a regression value (its first column). A classification task on a single float column is a
 * binary classifier: class {@code 1} at 0.5 and above, else {@code 0}.
 *
 * @param classes the predicted class of each row; null for regression
 * @param values the predicted value of each row; null for classification
 */
public record PredictedRows(Task task, List<String> classes, double[] values) {

    private static final List<String> PREFERRED_OUTPUTS =
            List.of("class_ids", "classes", "probabilities", "scores", "predictions");

    public int rows() {
        return task == Task.CLASSIFICATION ? classes.size() : values.length;
    }

    /** The rows of a call's outputs; null when they hold nothing to score (no outputs, an empty tensor). */
    public static PredictedRows of(ModelMonitoring settings, Map<String, TensorValue> outputs) {
        TensorValue output = scoredOutput(settings.labelOutput(), outputs);
        if (output == null || output.elementCount() == 0) {
            return null;
        }
        int rows = output.rank() == 0 ? 1 : (int) output.dim(0);
        int width = rows == 0 ? 0 : output.elementCount() / rows;
        Task task = settings.task() != null ? settings.task() : inferTask(output, width);
        if (task == Task.REGRESSION) {
            double[] values = new double[rows];
            for (int row = 0; row < rows; row++) {
                values[row] = output.asDouble(row * width);
            }
            return new PredictedRows(task, null, values);
        }
        List<String> classes = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            classes.add(predictedClass(output, row, width));
        }
        return new PredictedRows(task, List.copyOf(classes), null);
    }

    private static TensorValue scoredOutput(String labelOutput, Map<String, TensorValue> outputs) {
        if (outputs == null || outputs.isEmpty()) {
            return null;
        }
        if (labelOutput != null) {
            return outputs.get(labelOutput);
        }
        for (String name : PREFERRED_OUTPUTS) {
            if (outputs.containsKey(name)) {
                return outputs.get(name);
            }
        }
        return outputs.get(new TreeSet<>(outputs.keySet()).first());
    }

    private static Task inferTask(TensorValue output, int width) {
        return isFloat(output.dataType()) && width <= 1 ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    private static String predictedClass(TensorValue output, int row, int width) {
        int first = row * width;
        if (output.dataType() == DataType.BYTES) {
            return new String(output.bytes()[first], StandardCharsets.UTF_8);
        }
        if (!isFloat(output.dataType())) {
            return Long.toString((long) output.asDouble(first));
        }
        if (width == 1) {
            return output.asDouble(first) >= 0.5 ? "1" : "0";
        }
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (output.asDouble(first + i) > output.asDouble(first + best)) {
                best = i;
            }
        }
        return Integer.toString(best);
    }

    private static boolean isFloat(DataType type) {
        return type == DataType.FP16 || type == DataType.BF16 || type == DataType.FP32 || type == DataType.FP64;
    }
}
