package io.verso.demo.iris;

import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.TrainingMetadata;
import io.verso.demo.SavedModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code iris} demo model: a classifier of Iris species trained with TensorFlow Java on the shipped Iris data,
 * in two versions with different hyper-parameters, so a rollout from one to the other is a real model change.
 * Each version directory {@code <root>/iris/<v>/} is a SavedModel (see {@link IrisSavedModel} for its signatures)
 * whose {@code assets.extra/verso-metadata.json} holds the registry metadata of the version: test and training
 * accuracy, hyper-parameters and the training feature baselines. {@code assets.extra} is where TensorFlow Serving keeps
 * files that travel with a model without being part of the graph.
 *
 * <p>Both versions use the same stratified split: {@value #TEST_ROWS_PER_CLASS} rows per class held out for testing,
 * the other 120 rows for training and for the feature baselines (whose mean and standard deviation the model
 * standardises its inputs with).
 */
public final class IrisModel {

    public static final String NAME = "iris";
    public static final String METADATA_FILE = "assets.extra/verso-metadata.json";
    /** Version → how it is trained. */
    public static final Map<Long, HyperParameters> VERSIONS = Map.of(
            1L, new HyperParameters(0, 0.5f, 300, 1),
            2L, new HyperParameters(16, 0.1f, 800, 2));

    static final int TEST_ROWS_PER_CLASS = 10;
    static final long SPLIT_SEED = 1936;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One trained version: the classifier and what the registry records about it. */
    public record Training(TrainedClassifier classifier, TrainingMetadata metadata) {
    }

    private IrisModel() {
    }

    public static Path versionDirectory(Path root, long version) {
        return SavedModelWriter.versionDirectory(root, NAME, version);
    }

    /** The version's registry metadata as JSON, inside its SavedModel directory. */
    public static Path metadataFile(Path root, long version) {
        return versionDirectory(root, version).resolve(METADATA_FILE);
    }

    /**
     * Trains and writes every version not yet under {@code root}.
     *
     * @return true when this call wrote at least one version
     */
    public static boolean writeTo(Path root) throws IOException {
        boolean written = false;
        for (long version : new TreeMap<>(VERSIONS).keySet()) {
            written |= writeTo(root, version);
        }
        return written;
    }

    /**
     * Trains and writes one version unless it is already under {@code root}.
     *
     * @return true when this call wrote the version
     */
    public static boolean writeTo(Path root, long version) throws IOException {
        return SavedModelWriter.write(root, NAME, version, directory -> export(directory, train(version)));
    }

    /** Trains one version from scratch; the same version always gives the same weights. */
    public static Training train(long version) {
        HyperParameters hyper = VERSIONS.get(version);
        if (hyper == null) {
            throw new IllegalArgumentException("iris has versions " + new TreeMap<>(VERSIONS).keySet()
                    + ", not " + version);
        }
        IrisDataset.Split split = IrisDataset.load().split(TEST_ROWS_PER_CLASS, SPLIT_SEED);
        Map<String, FeatureBaseline> baselines = baselines(split.train());
        float[] mean = new float[IrisDataset.FEATURES.size()];
        float[] stddev = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            FeatureBaseline baseline = baselines.get(IrisDataset.FEATURES.get(i));
            mean[i] = baseline.mean().floatValue();
            stddev[i] = baseline.stddev().floatValue();
        }
        TrainedClassifier classifier = IrisTrainer.train(split, mean, stddev, hyper);

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_accuracy", classifier.testAccuracy());
        metrics.put("train_accuracy", classifier.trainAccuracy());
        metrics.put("train_loss", classifier.trainLoss());
        Map<String, String> tags = new LinkedHashMap<>(hyper.tags());
        tags.put("split", "stratified: " + split.train().size() + " training rows, " + split.test().size()
                + " test rows (" + TEST_ROWS_PER_CLASS + " per class), seed " + SPLIT_SEED);
        tags.put("trainer", "TensorFlow Java (io.verso.demo.iris.IrisModel)");
        String dataset = IrisDataset.SOURCE + "; features " + String.join(", ", IrisDataset.FEATURES);
        return new Training(classifier, new TrainingMetadata(dataset, metrics, baselines, tags));
    }

    /** Baseline statistics of each feature over the training rows. */
    static Map<String, FeatureBaseline> baselines(IrisDataset train) {
        Map<String, FeatureBaseline> baselines = new LinkedHashMap<>();
        for (int i = 0; i < IrisDataset.FEATURES.size(); i++) {
            baselines.put(IrisDataset.FEATURES.get(i), FeatureStatistics.of(train.column(i)));
        }
        return baselines;
    }

    private static void export(Path directory, Training training) throws IOException {
        IrisSavedModel.export(directory, training.classifier());
        Path metadata = directory.resolve(METADATA_FILE);
        Files.createDirectories(metadata.getParent());
        Files.write(metadata, JSON.writeValueAsBytes(training.metadata()));
    }
}
