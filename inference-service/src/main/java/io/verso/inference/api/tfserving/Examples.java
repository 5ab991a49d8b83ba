package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * TensorFlow Serving's Classify and Regress, whatever the transport: serialized {@code tf.Example}s go to the
 * signature's one string input, and the results are read from its {@code classes}/{@code scores} or
 * {@code outputs} outputs, one row per example.
 *
 * <p>Unlike TensorFlow Serving, a {@code predict} signature of the same form is accepted too: TF2's
 * {@code tf.saved_model.save} marks every signature {@code predict}, which would otherwise make TF2 classifiers and
 * regressors unreachable.
 */
public final class Examples {

    static final String CLASSES = "classes";
    static final String SCORES = "scores";
    static final String REGRESSION_OUTPUT = "outputs";

    private Examples() {
    }

    /** The input tensor of the serialized examples, after checking that the signature takes them. */
    public static Map<String, TensorValue> input(SignatureSpec signature, String expectedMethod, byte[][] serialized) {
        if (!expectedMethod.equals(signature.methodName())
                && !SignatureSpec.PREDICT_METHOD.equals(signature.methodName())) {
            throw InferenceException.invalid("Expected signature '" + signature.key() + "' to have method_name "
                    + expectedMethod + ". Was: " + signature.methodName());
        }
        if (signature.inputs().size() != 1
                || signature.inputs().values().iterator().next().dataType() != DataType.BYTES) {
            throw InferenceException.invalid("signature '" + signature.key() + "' must have one DT_STRING input of "
                    + "serialized tf.Example protos to take 'examples'; it has " + signature.inputs().keySet());
        }
        TensorSpec input = signature.inputs().values().iterator().next();
        return Map.of(input.key(), TensorValue.of(DataType.BYTES, new long[] {serialized.length}, serialized));
    }

    /** The classes of each example, read from a classification's outputs. */
    public static Classes classes(Prediction prediction, int examples) {
        TensorValue classes = prediction.outputs().get(CLASSES);
        TensorValue scores = prediction.outputs().get(SCORES);
        if (classes == null && scores == null) {
            throw InferenceException.invalid("classification signature '" + prediction.signature().key()
                    + "' has neither a 'classes' nor a 'scores' output");
        }
        return new Classes(classes, scores, perExample(classes != null ? classes : scores, examples));
    }

    /** One value per example, read from a regression's {@code outputs}. */
    public static float[] regressions(Prediction prediction, int examples) {
        TensorValue outputs = prediction.outputs().get(REGRESSION_OUTPUT);
        if (outputs == null) {
            throw InferenceException.invalid("regression signature '" + prediction.signature().key()
                    + "' has no 'outputs' output");
        }
        if (perExample(outputs, examples) != 1) {
            throw InferenceException.invalid("regression output must hold one value per example, has shape "
                    + outputs);
        }
        return outputs.floats();
    }

    private static int perExample(TensorValue tensor, int examples) {
        if (tensor.rank() == 0 || tensor.dim(0) != examples || tensor.elementCount() % examples != 0) {
            throw InferenceException.invalid("output " + tensor + " does not have one row per example ("
                    + examples + ")");
        }
        return tensor.elementCount() / examples;
    }

    /**
     * The classes of every example: {@link #perExample()} of them each, with a label (empty when the signature has
     * no {@code classes} output) and a score (when it has {@code scores}).
     */
    public record Classes(TensorValue classes, TensorValue scores, int perExample) {

        public boolean hasScores() {
            return scores != null;
        }

        public String label(int example, int index) {
            return classes == null ? ""
                    : new String(classes.bytes()[example * perExample + index], StandardCharsets.UTF_8);
        }

        public float score(int example, int index) {
            return scores.floats()[example * perExample + index];
        }
    }
}
