package io.verso.inference.monitoring.drift;

import io.verso.contracts.FeatureBaseline;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The drift state of one model version: one monitor per baseline feature, fed from each request's input tensors
 * row by row, and the skew every value shows. A baseline with {@code categories} and no {@code histogram} is
 * categorical (string inputs); any other is numeric.
 */
final class VersionMonitor {

    /** Told about skew as it is seen: feature, kind, number of values. */
    interface SkewListener {
        void skew(String feature, SkewKind kind, long values);
    }

    private final List<Feature> features = new ArrayList<>();
    private final DriftThresholds thresholds;
    private final Duration window;
    private final SkewListener skew;

    VersionMonitor(Map<String, FeatureBaseline> baselines, Map<String, List<String>> columns,
                   DriftThresholds thresholds, DriftWindow settings, LongSupplier clock, SkewListener skew) {
        this.thresholds = thresholds;
        this.window = settings.length();
        this.skew = skew;
        new TreeMap<>(baselines).forEach((name, baseline) -> {
            FeatureLocation location = FeatureLocation.of(name, columns);
            boolean categorical = baseline.histogram() == null && baseline.categories() != null;
            features.add(categorical
                    ? new Feature(name, location, null, new CategoricalFeatureMonitor(name, baseline,
                            settings.length(), settings.buckets(), settings.maxCategories(), clock))
                    : new Feature(name, location, new NumericFeatureMonitor(name, baseline, settings.length(),
                            settings.buckets(), clock), null));
        });
    }

    List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    DriftThresholds thresholds() {
        return thresholds;
    }

    Duration window() {
        return window;
    }

    /** Counts every row of one request's inputs. */
    void observe(Map<String, TensorValue> inputs) {
        long rows = rows(inputs);
        for (Feature feature : features) {
            TensorValue tensor = inputs.get(feature.location().input());
            int width = tensor == null ? 0 : width(tensor);
            boolean present = tensor != null && (feature.location().columnar() ? feature.location().column() < width
                    : width == 1);
            if (!present) {
                feature.addMissing(rows);
                skew.skew(feature.name(), SkewKind.MISSING, rows);
            } else if ((tensor.dataType() == DataType.BYTES) != feature.isCategorical()) {
                skew.skew(feature.name(), SkewKind.DTYPE_MISMATCH, rowsOf(tensor));
            } else {
                feature.addAll(tensor, width, feature.location().column(), skew);
            }
        }
    }

    List<FeatureReport> report() {
        return features.stream().map(feature -> feature.report(thresholds)).toList();
    }

    FeatureReport report(String feature) {
        return features.stream().filter(f -> f.name().equals(feature)).findFirst().orElseThrow()
                .report(thresholds);
    }

    /** The batch size: the first dimension of any input (all inputs of a request share it); 1 for scalars. */
    private static long rows(Map<String, TensorValue> inputs) {
        return inputs.values().stream().findFirst().map(VersionMonitor::rowsOf).orElse(1L);
    }

    private static long rowsOf(TensorValue tensor) {
        return tensor.rank() == 0 ? 1 : tensor.dim(0);
    }

    private static int width(TensorValue tensor) {
        long rows = rowsOf(tensor);
        return rows == 0 ? 0 : (int) (tensor.elementCount() / rows);
    }

    private record Feature(String name, FeatureLocation location, NumericFeatureMonitor numeric,
                           CategoricalFeatureMonitor categorical) {

        boolean isCategorical() {
            return categorical != null;
        }

        void addMissing(long rows) {
            if (isCategorical()) {
                categorical.addMissing(rows);
            } else {
                numeric.addMissing(rows);
            }
        }

        void addAll(TensorValue tensor, int width, int column, SkewListener skew) {
            long rows = rowsOf(tensor);
            long missing = 0;
            long outOfRange = 0;
            for (int row = 0; row < rows; row++) {
                int index = row * width + column;
                if (isCategorical()) {
                    categorical.add(new String(tensor.bytes()[index], StandardCharsets.UTF_8));
                    continue;
                }
                SkewKind kind = numeric.add(numberAt(tensor, index));
                if (kind == SkewKind.MISSING) {
                    missing++;
                } else if (kind == SkewKind.OUT_OF_RANGE) {
                    outOfRange++;
                }
            }
            if (missing > 0) {
                skew.skew(name, SkewKind.MISSING, missing);
            }
            if (outOfRange > 0) {
                skew.skew(name, SkewKind.OUT_OF_RANGE, outOfRange);
            }
        }

        FeatureReport report(DriftThresholds thresholds) {
            return isCategorical() ? categorical.report(thresholds) : numeric.report(thresholds);
        }

        private static double numberAt(TensorValue tensor, int index) {
            return switch (tensor.dataType()) {
                case FP16, BF16, FP32 -> tensor.floats()[index];
                case FP64 -> tensor.doubles()[index];
                case INT8, INT16, INT32, UINT8, UINT16 -> tensor.ints()[index];
                case UINT64 -> unsigned(tensor.longs()[index]);
                case INT64, UINT32 -> tensor.longs()[index];
                case BOOL -> tensor.booleans()[index] ? 1 : 0;
                case BYTES -> throw new IllegalStateException("string tensors are categorical");
            };
        }

        private static double unsigned(long value) {
            return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
        }
    }
}
