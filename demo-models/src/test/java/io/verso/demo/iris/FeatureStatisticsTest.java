package io.verso.demo.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {

    /** The columns read straight from the shipped CSV, without IrisDataset. */
    private static double[][] csvColumns() throws IOException {
        try (InputStream in = IrisDataset.class.getResourceAsStream("iris.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            double[][] columns = new double[4][lines.size()];
            for (int row = 0; row < lines.size(); row++) {
                String[] cells = lines.get(row).split(",");
                for (int column = 0; column < 4; column++) {
                    columns[column][row] = Double.parseDouble(cells[column]);
                }
            }
            return columns;
        }
    }

    @Test
    void baselinesOfTheWholeSetMatchItsPublishedSummary() throws IOException {
        Map<String, FeatureBaseline> baselines = IrisModel.baselines(IrisDataset.load());
        // Mean, sample standard deviation and quartiles of Fisher's data (e.g. pandas' describe()).
        expect(baselines.get("sepal_length"), 5.843333, 0.828066, 4.3, 7.9, 5.1, 5.8, 6.4);
        expect(baselines.get("sepal_width"), 3.057333, 0.435866, 2.0, 4.4, 2.8, 3.0, 3.3);
        expect(baselines.get("petal_length"), 3.758000, 1.765298, 1.0, 6.9, 1.6, 4.35, 5.1);
        expect(baselines.get("petal_width"), 1.199333, 0.762238, 0.1, 2.5, 0.3, 1.3, 1.8);
    }

    private static void expect(FeatureBaseline baseline, double mean, double sampleStddev, double min, double max,
                               double p25, double p50, double p75) {
        assertThat(baseline.count()).isEqualTo(150);
        assertThat(baseline.missingFraction()).isZero();
        assertThat(baseline.mean()).isCloseTo(mean, within(1e-6));
        // Population standard deviation, as the model standardises with.
        assertThat(baseline.stddev()).isCloseTo(sampleStddev * Math.sqrt(149.0 / 150), within(1e-6));
        assertThat(baseline.min()).isEqualTo(min);
        assertThat(baseline.max()).isEqualTo(max);
        assertThat(baseline.quantiles()).containsOnlyKeys("p01", "p25", "p50", "p75", "p99");
        assertThat(baseline.quantiles().get("p25")).isCloseTo(p25, within(1e-9));
        assertThat(baseline.quantiles().get("p50")).isCloseTo(p50, within(1e-9));
        assertThat(baseline.quantiles().get("p75")).isCloseTo(p75, within(1e-9));
    }

    @Test
    void baselinesMatchStatisticsComputedFromTheCsv() throws IOException {
        double[][] columns = csvColumns();
        Map<String, FeatureBaseline> baselines = IrisModel.baselines(IrisDataset.load());
        for (int column = 0; column < 4; column++) {
            FeatureBaseline baseline = baselines.get(IrisDataset.FEATURES.get(column));
            double[] values = columns[column].clone();
            Arrays.sort(values);
            double min = values[0];
            double max = values[values.length - 1];
            assertThat(baseline.mean()).isCloseTo(Arrays.stream(values).sum() / 150, within(1e-12));
            // numpy's linear quantile: p01 lies 1.49 ranks in, p99 147.51.
            assertThat(baseline.quantiles().get("p01"))
                    .isCloseTo(values[1] + 0.49 * (values[2] - values[1]), within(1e-9));
            assertThat(baseline.quantiles().get("p99"))
                    .isCloseTo(values[147] + 0.51 * (values[148] - values[147]), within(1e-9));

            Histogram histogram = baseline.histogram();
            assertThat(histogram.boundaries()).hasSize(9);
            for (int i = 0; i < 9; i++) {
                assertThat(histogram.boundaries().get(i)).isCloseTo(min + (i + 1) * (max - min) / 10, within(1e-12));
            }
            // Bin i holds the values in [b(i-1), b(i)): a difference of "how many are below" counts.
            List<Double> b = histogram.boundaries();
            for (int bin = 0; bin < 10; bin++) {
                double lower = bin == 0 ? Double.NEGATIVE_INFINITY : b.get(bin - 1);
                double upper = bin == 9 ? Double.POSITIVE_INFINITY : b.get(bin);
                long inBin = Arrays.stream(values).filter(v -> v >= lower && v < upper).count();
                assertThat(histogram.fractions().get(bin)).isCloseTo(inBin / 150.0, within(1e-12));
            }
            assertThat(histogram.fractions().get(0)).as("the minimum is in the first bin").isPositive();
            assertThat(histogram.fractions().get(9)).as("the maximum is in the last bin").isPositive();
        }
    }
}
