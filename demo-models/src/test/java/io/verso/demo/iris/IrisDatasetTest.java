package io.verso.demo.iris;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisDatasetTest {

    private static final IrisDataset IRIS = IrisDataset.load();

    @Test
    void holdsFisher150RowsFiftyPerClass() {
        assertThat(IRIS.size()).isEqualTo(150);
        for (int label = 0; label < 3; label++) {
            int l = label;
            assertThat(Arrays.stream(IRIS.labels()).filter(x -> x == l).count()).as("class %d", l).isEqualTo(50);
        }
        assertThat(IRIS.features()[0]).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(IRIS.labels()[149]).isEqualTo(2);
        // Rows 35 and 38 as Fisher published them (the UCI file has them wrong, as its page notes).
        assertThat(IRIS.features()[34]).containsExactly(4.9, 3.1, 1.5, 0.2);
        assertThat(IRIS.features()[37]).containsExactly(4.9, 3.6, 1.4, 0.1);
    }

    @Test
    void theSplitIsStratifiedDisjointCompleteAndReproducible() {
        IrisDataset.Split split = IRIS.split(10, 7);

        assertThat(split.test().size()).isEqualTo(30);
        assertThat(split.train().size()).isEqualTo(120);
        for (int label = 0; label < 3; label++) {
            int l = label;
            assertThat(Arrays.stream(split.test().labels()).filter(x -> x == l).count()).isEqualTo(10);
        }
        List<String> all = new ArrayList<>(rows(split.train()));
        all.addAll(rows(split.test()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(rows(IRIS));

        assertThat(rows(IRIS.split(10, 7).test())).isEqualTo(rows(split.test()));
        assertThat(rows(IRIS.split(10, 8).test())).isNotEqualTo(rows(split.test()));
    }

    private static List<String> rows(IrisDataset data) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < data.size(); row++) {
            rows.add(Arrays.toString(data.features()[row]) + " " + data.labels()[row]);
        }
        return rows;
    }
}
