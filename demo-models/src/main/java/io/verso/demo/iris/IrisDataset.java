package io.verso.demo.iris;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Rows of the Iris data set: four measurements and a class id. {@link #load()} reads the copy shipped with this module
 * ({@code iris.csv}, see the README beside it for its source and licence).
 *
 * @param features one row of {@link #FEATURES} per example
 * @param labels   the class id of each row, an index into {@link #CLASSES}
 */
public record IrisDataset(double[][] features, int[] labels) {

    /** Feature names, in the CSV's column order: the order of the model's {@code features} input. */
    public static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    /** Class names by class id. */
    public static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");
    /** Where the data came from, as the registry's {@code dataset} field records it. */
    public static final String SOURCE = "UCI Machine Learning Repository: Iris (R. A. Fisher, 1936), "
            + "doi:10.24432/C56C76, CC BY 4.0; copy from scikit-learn 1.2.1 sklearn/datasets/data/iris.csv";

    static final String RESOURCE = "iris.csv";

    /** A training set and the held-out test set. */
    public record Split(IrisDataset train, IrisDataset test) {
    }

    public int size() {
        return labels.length;
    }

    /** The 150 rows of the shipped CSV, in file order. */
    public static IrisDataset load() {
        try (InputStream in = IrisDataset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IrisDataset parse(BufferedReader csv) throws IOException {
        // scikit-learn's header: row count, feature count, class names.
        String[] header = csv.readLine().split(",");
        int rows = Integer.parseInt(header[0]);
        if (Integer.parseInt(header[1]) != FEATURES.size()
                || !Arrays.asList(header).subList(2, header.length).equals(CLASSES)) {
            throw new IllegalStateException("unexpected header in " + RESOURCE + ": " + String.join(",", header));
        }
        double[][] features = new double[rows][];
        int[] labels = new int[rows];
        for (int row = 0; row < rows; row++) {
            String[] cells = csv.readLine().split(",");
            features[row] = new double[FEATURES.size()];
            for (int column = 0; column < FEATURES.size(); column++) {
                features[row][column] = Double.parseDouble(cells[column]);
            }
            labels[row] = Integer.parseInt(cells[FEATURES.size()]);
        }
        return new IrisDataset(features, labels);
    }

    /**
     * A stratified split: {@code testPerClass} rows of every class, drawn with a seeded shuffle, form the test set, so
     * the split is the same on every machine and every class is equally represented on both sides. Rows keep their
     * file order within each side.
     */
    public Split split(int testPerClass, long seed) {
        Random random = new Random(seed);
        boolean[] inTest = new boolean[size()];
        for (int label = 0; label < CLASSES.size(); label++) {
            List<Integer> rows = new ArrayList<>();
            for (int row = 0; row < size(); row++) {
                if (labels[row] == label) {
                    rows.add(row);
                }
            }
            Collections.shuffle(rows, random);
            rows.subList(0, testPerClass).forEach(row -> inTest[row] = true);
        }
        return new Split(select(inTest, false), select(inTest, true));
    }

    private IrisDataset select(boolean[] inTest, boolean test) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < size(); row++) {
            if (inTest[row] == test) {
                rows.add(row);
            }
        }
        return new IrisDataset(rows.stream().map(row -> features[row]).toArray(double[][]::new),
                rows.stream().mapToInt(row -> labels[row]).toArray());
    }

    /** The values of one feature column. */
    public double[] column(int feature) {
        double[] values = new double[size()];
        for (int row = 0; row < size(); row++) {
            values[row] = features[row][feature];
        }
        return values;
    }
}
