package io.verso.inference.monitoring.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlicersTest {

    @Test
    void headerSlicesAreBoundedByTheAllowedValues() {
        HeaderSlicer slicer = new HeaderSlicer("X-Verso-Slice", Set.of("mobile", "web"), 20);
        assertThat(slicer.slice(withHeader("mobile"), 0)).isEqualTo("mobile");
        assertThat(slicer.slice(withHeader("tv"), 0)).isEqualTo("other");
        assertThat(slicer.slice(record(Map.of(), Map.of()), 0)).isEqualTo("none");
    }

    @Test
    void withoutAllowedValuesTheFirstDistinctValuesAreSlicesAndTheRestOther() {
        HeaderSlicer slicer = new HeaderSlicer("X-Verso-Slice", Set.of(), 2);
        assertThat(slicer.slice(withHeader("a"), 0)).isEqualTo("a");
        assertThat(slicer.slice(withHeader("b"), 0)).isEqualTo("b");
        assertThat(slicer.slice(withHeader("c"), 0)).isEqualTo("other");
        assertThat(slicer.slice(withHeader("a"), 0)).isEqualTo("a");
    }

    @Test
    void onlyVersoHeadersCanSlice() {
        assertThatThrownBy(() -> new HeaderSlicer("User-Agent", Set.of(), 2))
                .hasMessageContaining("X-Verso-");
    }

    @Test
    void featureBucketsSliceEachRowByItsColumn() {
        FeatureBucketSlicer slicer = new FeatureBucketSlicer("features", 2, "petal_length", List.of(5.0, 2.5));
        assertThat(slicer.bucketNames())
                .containsExactly("petal_length<2.5", "2.5<=petal_length<5.0", "petal_length>=5.0");
        InferenceRecord record = record(Map.of(), Map.of("features", TensorValue.of(DataType.FP32,
                new long[] {4, 3}, new float[] {0, 0, 1.0f, 0, 0, 2.5f, 0, 0, 9f, 0, 0, Float.NaN})));
        assertThat(List.of(slicer.slice(record, 0), slicer.slice(record, 1), slicer.slice(record, 2),
                slicer.slice(record, 3)))
                .containsExactly("petal_length<2.5", "2.5<=petal_length<5.0", "petal_length>=5.0", "none");
        assertThat(slicer.slice(record(Map.of(), Map.of()), 0)).isEqualTo("none");
    }

    private static InferenceRecord withHeader(String value) {
        return record(Map.of("x-verso-slice", value), Map.of());
    }

    private static InferenceRecord record(Map<String, String> headers, Map<String, TensorValue> inputs) {
        return new InferenceRecord("id", "v2", "infer", "m", 1, "serving_default", inputs, Map.of(), null, false, headers,
                0, 0, 0, 0, null);
    }
}
