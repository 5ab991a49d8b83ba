package io.verso.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.bench.load.Protocol;
import io.verso.bench.server.BatchingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void everyModeRunsTheFullMlpMatrixAndOnlyOffRunsTheOverheadModel() {
        assertThat(Matrix.cells(BatchingMode.FIXED)).hasSize(3 * 2 * 4)
                .allMatch(c -> c.model().equals("mlp") && c.mode() == BatchingMode.FIXED);
        assertThat(Matrix.cells(BatchingMode.OFF)).hasSize(3 * 2 * 4 + 6);
    }

    @Test
    void headlineCellsAreTheOnesTheRatiosUse() {
        List<CellSpec> headline = java.util.stream.Stream.of(BatchingMode.values())
                .flatMap(mode -> Matrix.cells(mode).stream()).filter(CellSpec::headline).toList();
        assertThat(headline).extracting(c -> c.mode() + " " + c.protocol() + " " + c.rows() + " " + c.clients())
                .containsExactlyInAnyOrder("OFF V2_BINARY 32 8", "OFF V2_BINARY 1 64", "FIXED V2_BINARY 1 64",
                        "ADAPTIVE V2_BINARY 1 64");
        assertThat(headline).allMatch(c -> c.protocol() == Protocol.V2_BINARY);
    }

    @Test
    void batchingArgumentsNameTheModelIndex() {
        assertThat(BatchingMode.OFF.arguments(0)).isEmpty();
        assertThat(BatchingMode.FIXED.arguments(1)).contains("--verso.inference.models[1].batching.max-batch-size=64",
                "--verso.inference.models[1].batching.batch-timeout=2ms");
        assertThat(BatchingMode.ADAPTIVE.arguments(0))
                .contains("--verso.inference.models[0].batching.latency-target=20ms");
    }
}
