package io.verso.demo.iris;

import io.verso.demo.SavedModelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Exports a trained classifier as a SavedModel with the trained weights frozen into constants and two signatures
 * over the same network:
 * <ul>
 *   <li>{@code serving_default} (predict): {@code features} float32 {@code [-1,4]} in {@link IrisDataset#FEATURES}
 *       order → {@code probabilities} float32 {@code [-1,3]} and {@code class_ids} int64 {@code [-1]};</li>
 *   <li>{@code classify} (TensorFlow Serving's {@code tensorflow/serving/classify}): {@code inputs}, serialized
 *       {@code tf.Example} protos with the four float features by name, parsed in the graph by a ParseExample op →
 *       {@code classes} (the class names) and {@code scores}, both {@code [-1,3]}, which is what a {@code :classify}
 *       request answers with.</li>
 * </ul>
 */
final class IrisSavedModel {

    static final String FEATURES = "features";
    static final String PROBABILITIES = "probabilities";
    static final String CLASS_IDS = "class_ids";
    static final String CLASSIFY_KEY = "classify";
    static final String CLASSIFY_METHOD = "tensorflow/serving/classify";
    static final String EXAMPLES = "inputs";
    static final String CLASSES = "classes";
    static final String SCORES = "scores";

    private IrisSavedModel() {
    }

    static void export(Path directory, TrainedClassifier classifier) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> mean = tf.constant(classifier.mean());
            Operand<TFloat32> stddev = tf.constant(classifier.stddev());
            List<IrisNetwork.Layer> layers = classifier.layers().stream()
                    .map(w -> new IrisNetwork.Layer(tf.constant(w.kernel()), tf.constant(w.bias())))
                    .toList();

            Placeholder<TFloat32> features = tf.withName(FEATURES).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, IrisDataset.FEATURES.size())));
            Operand<TFloat32> probabilities = tf.withName(PROBABILITIES).nn.softmax(
                    IrisNetwork.logits(tf, features, mean, stddev, layers));
            Operand<TInt64> classIds = tf.withName(CLASS_IDS).math.argMax(probabilities, tf.constant(1));

            Placeholder<TString> examples = tf.withName(EXAMPLES).placeholder(TString.class,
                    Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> scores = tf.withName(SCORES).nn.softmax(
                    IrisNetwork.logits(tf, parse(tf, examples), mean, stddev, layers));
            // Every row names the three classes in class-id order, next to their scores.
            Operand<TString> classes = tf.withName(CLASSES).gather(
                    tf.constant(StandardCharsets.UTF_8, IrisDataset.CLASSES.toArray(String[]::new)),
                    tf.broadcastTo(tf.constant(new int[] {0, 1, 2}), tf.shape(scores)), tf.constant(0));

            SavedModelWriter.export(directory, graph,
                    Signature.builder(SavedModelWriter.SIGNATURE_KEY).methodName(SavedModelWriter.PREDICT_METHOD)
                            .input(FEATURES, features)
                            .output(PROBABILITIES, probabilities)
                            .output(CLASS_IDS, classIds)
                            .build(),
                    Signature.builder(CLASSIFY_KEY).methodName(CLASSIFY_METHOD)
                            .input(EXAMPLES, examples)
                            .output(CLASSES, classes)
                            .output(SCORES, scores)
                            .build());
        }
    }

    /**
     * The four features of each serialized example, as a {@code [-1,4]} matrix. Each is a required float feature of
     * one value: an example without it fails to parse (the empty default), as TensorFlow Serving's own classifiers do.
     */
    private static Operand<TFloat32> parse(Ops tf, Operand<TString> examples) {
        int count = IrisDataset.FEATURES.size();
        List<Operand<?>> defaults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            defaults.add(tf.constant(new float[0]));
        }
        List<Class<? extends TType>> noTypes = List.of();
        Operand<TString> none = tf.constant(Shape.of(0), DataBuffers.ofObjects(String.class, 0));
        // Arguments: example names (for error messages), sparse keys, dense keys, ragged keys, dense defaults...
        ParseExample parsed = tf.io.parseExample(examples, none, none,
                tf.constant(StandardCharsets.UTF_8, IrisDataset.FEATURES.toArray(String[]::new)), none,
                defaults, 0L, noTypes, noTypes, List.of(), Collections.nCopies(count, Shape.of(1)));
        List<Operand<TFloat32>> columns = new ArrayList<>();
        for (var column : parsed.denseValues()) {
            columns.add(column.expect(TFloat32.class));
        }
        return tf.concat(columns, tf.constant(1));
    }
}
