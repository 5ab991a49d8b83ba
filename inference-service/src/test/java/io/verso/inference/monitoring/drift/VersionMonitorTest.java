package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionMonitorTest {

    /** Boundaries 1, 2 → bins (-inf,1), [1,2), [2,inf) with training shares 0.25, 0.5, 0.25; range [0, 3]. */
    private static final FeatureBaseline X = new FeatureBaseline(100L, 1.5, 0.7, 0.0, 3.0, 0.0, null, null,
            new Histogram(List.of(1.0, 2.0), List.of(0.25, 0.5, 0.25)));
    private static final FeatureBaseline COLOUR = new FeatureBaseline(100L, null, null, null, null, 0.0, null,
            Map.of("red", 0.5, "blue", 0.5), null);
    private static final DriftThresholds THRESHOLDS = new DriftThresholds(0.2, 0.1, 0.1, 4);

    private final Map<String, Long> skew = new HashMap<>();

    private VersionMonitor monitor(Map<String, FeatureBaseline> baselines, Map<String, List<String>> columns) {
        return new VersionMonitor(baselines, columns, THRESHOLDS,
                new DriftWindow(Duration.ofMinutes(10), 10, 100), () -> 0L,
                (feature, kind, values) -> skew.merge(feature + "/" + kind.label(), values, Long::sum));
    }

    /**
     * Serving 0.5, 0.7, 1.5, 2.5 fall in bins 0, 0, 1, 2: shares 0.5, 0.25, 0.25 against the baseline's
     * 0.25, 0.5, 0.25. As worked out in {@link DriftDistancesTest}: PSI = 0.5 ln 2 = 0.34657359 (> 0.2, breach),
     * JS distance = sqrt(1.25 - 0.75 log2 3) = 0.24754418 (> 0.1, breach). Mean 1.3, population variance
     * ((0.8² + 0.6² + 0.2² + 1.2²) / 4) = 0.62, so stddev 0.78740079.
     */
    @Test
    void aOneValuePerRowInputIsBinnedAndComparedWithItsBaseline() {
        VersionMonitor monitor = monitor(Map.of("x", X), Map.of());
        monitor.observe(Map.of("x", TensorValue.of(DataType.FP32, new long[] {4}, new float[] {0.5f, 0.7f, 1.5f, 2.5f})));

        FeatureReport x = monitor.report().get(0);
        assertThat(x.count()).isEqualTo(4);
        assertThat(x.histogram().serving()).containsExactly(0.5, 0.25, 0.25);
        assertThat(x.histogram().baseline()).containsExactly(0.25, 0.5, 0.25);
        assertThat(x.psi()).isCloseTo(0.34657359, within(1e-8));
        assertThat(x.jsDistance()).isCloseTo(0.24754418, within(1e-8));
        assertThat(x.mean()).isCloseTo(1.3, within(1e-6));
        assertThat(x.stddev()).isCloseTo(0.78740079, within(1e-6));
        assertThat(x.min()).isCloseTo(0.5, within(1e-6));
        assertThat(x.max()).isCloseTo(2.5, within(1e-6));
        assertThat(x.judged()).isTrue();
        assertThat(x.breached()).containsEntry("psi", true).containsEntry("js_distance", true);
        assertThat(skew).isEmpty();
    }

    @Test
    void fewerValuesThanTheMinimumAreReportedButNotJudged() {
        VersionMonitor monitor = monitor(Map.of("x", X), Map.of());
        monitor.observe(Map.of("x", TensorValue.of(DataType.FP32, new long[] {1, 1}, new float[] {0.5f})));

        FeatureReport x = monitor.report().get(0);
        assertThat(x.count()).isEqualTo(1);
        assertThat(x.psi()).isPositive();
        assertThat(x.judged()).isFalse();
        assertThat(x.anyBreached()).isFalse();
    }

    /** Iris-style: one [batch, 4] input whose columns the model's monitoring config names. */
    @Test
    void aColumnOfAMultiFeatureInputIsFoundByTheConfiguredColumnNames() {
        VersionMonitor monitor = monitor(Map.of("petal_length", X),
                Map.of("features", List.of("sepal_length", "sepal_width", "petal_length", "petal_width")));
        monitor.observe(Map.of("features", TensorValue.of(DataType.FP32, new long[] {2, 4},
                new float[] {9, 9, 0.5f, 9, 9, 9, 1.5f, 9})));

        FeatureReport petalLength = monitor.report().get(0);
        assertThat(petalLength.count()).isEqualTo(2);
        assertThat(petalLength.histogram().serving()).containsExactly(0.5, 0.5, 0.0);
        assertThat(skew).isEmpty();
    }

    @Test
    void skewIsCountedPerValueAndKind() {
        VersionMonitor monitor = monitor(Map.of("x", X, "absent", X, "colour", COLOUR), Map.of());
        // 3 rows: x has one NaN and one value above the training max 3; "absent" is not an input; colour is
        // numeric where the baseline is categorical.
        monitor.observe(Map.of(
                "x", TensorValue.of(DataType.FP64, new long[] {3}, new double[] {Double.NaN, 7, 1}),
                "colour", TensorValue.of(DataType.INT32, new long[] {3}, new int[] {1, 2, 3})));

        assertThat(skew).containsOnly(Map.entry("x/missing", 1L), Map.entry("x/out_of_range", 1L),
                Map.entry("absent/missing", 3L), Map.entry("colour/dtype_mismatch", 3L));
        FeatureReport x = report(monitor, "x");
        assertThat(x.count()).isEqualTo(2);
        assertThat(x.missing()).isEqualTo(1);
        assertThat(report(monitor, "absent").missing()).isEqualTo(3);
    }

    /**
     * Baseline red 0.5, blue 0.5; serving red, red, red, green → red 0.75, green 0.25:
     * |red| = 0.25, |blue| = 0.5, |green| = 0.25 → L-infinity 0.5 (> 0.1, breach).
     */
    @Test
    void aStringFeatureIsComparedByLInfinity() {
        VersionMonitor monitor = monitor(Map.of("colour", COLOUR), Map.of());
        monitor.observe(Map.of("colour", TensorValue.of(DataType.BYTES, new long[] {4},
                new byte[][] {bytes("red"), bytes("red"), bytes("red"), bytes("green")})));

        FeatureReport colour = monitor.report().get(0);
        assertThat(colour.type()).isEqualTo("categorical");
        assertThat(colour.lInfinity()).isCloseTo(0.5, within(1e-12));
        assertThat(colour.categories().serving()).containsOnly(Map.entry("red", 0.75), Map.entry("green", 0.25));
        assertThat(colour.breached()).containsOnly(Map.entry("linf", true));
    }

    @Test
    void aStringForANumericBaselineIsADtypeMismatch() {
        VersionMonitor monitor = monitor(Map.of("x", X), Map.of());
        monitor.observe(Map.of("x", TensorValue.of(DataType.BYTES, new long[] {2}, new byte[][] {bytes("1"), bytes("2")})));

        assertThat(skew).containsOnly(Map.entry("x/dtype_mismatch", 2L));
        assertThat(monitor.report().get(0).count()).isZero();
        assertThat(monitor.report().get(0).psi()).isNull();
    }

    private static FeatureReport report(VersionMonitor monitor, String feature) {
        return monitor.report().stream().filter(r -> r.feature().equals(feature)).findFirst().orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
