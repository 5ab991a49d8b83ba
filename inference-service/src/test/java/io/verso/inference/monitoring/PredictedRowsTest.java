package io.verso.inference.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.monitoring.slice.Slicer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictedRowsTest {

    private static final ModelMonitoring INFERRED = new ModelMonitoring(0, null, null, Slicer.NONE);

    @Test
    void perClassScoresAreClassifiedByArgmax() {
        PredictedRows rows = PredictedRows.of(INFERRED, Map.of("scores",
                TensorValue.of(DataType.FP32, new long[] {2, 3}, new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.2f, 0.3f})));
        assertThat(rows.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(rows.classes()).containsExactly("1", "0");
    }

    @Test
    void classIdsWinOverScoresAndAreTakenAsTheyAre() {
        PredictedRows rows = PredictedRows.of(INFERRED, Map.of(
                "scores", TensorValue.of(DataType.FP32, new long[] {1, 2}, new float[] {0.9f, 0.1f}),
                "class_ids", TensorValue.of(DataType.INT64, new long[] {1, 1}, new long[] {7})));
        assertThat(rows.classes()).containsExactly("7");
    }

    @Test
    void aSingleFloatColumnIsRegressionUnlessConfiguredAsABinaryClassifier() {
        Map<String, TensorValue> outputs = Map.of("y",
                TensorValue.of(DataType.FP32, new long[] {2}, new float[] {0.25f, 0.75f}));
        PredictedRows regression = PredictedRows.of(INFERRED, outputs);
        assertThat(regression.task()).isEqualTo(Task.REGRESSION);
        assertThat(regression.values()).containsExactly(0.25, 0.75);

        PredictedRows binary = PredictedRows.of(new ModelMonitoring(0, Task.CLASSIFICATION, "y", Slicer.NONE),
                outputs);
        assertThat(binary.classes()).containsExactly("0", "1");
    }
}
