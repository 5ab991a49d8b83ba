package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionDirectoryBaselinesTest {

    @TempDir
    Path base;

    @Test
    void readsTheFileOfAZeroPaddedVersionDirectory() throws IOException {
        Files.createDirectories(base.resolve("00000007"));
        Files.writeString(base.resolve("00000007").resolve(VersionDirectoryBaselines.FILE_NAME),
                "{\"x\": {\"min\": 0, \"max\": 1, \"histogram\": {\"boundaries\": [0.5], \"fractions\": [0.4, 0.6]},"
                        + " \"futureField\": true}}");
        VersionDirectoryBaselines baselines = new VersionDirectoryBaselines(Map.of("m", base));

        assertThat(baselines.baselines("m", 7).get("x").histogram().fractions()).containsExactly(0.4, 0.6);
        assertThat(baselines.baselines("m", 8)).isEmpty();
        assertThat(baselines.baselines("other", 7)).isEmpty();
    }

    /** Fractions that do not sum to 1 are refused by Histogram; monitoring then ignores the file, serving goes on. */
    @Test
    void anInvalidFileMeansNoBaseline() throws IOException {
        Files.createDirectories(base.resolve("1"));
        Files.writeString(base.resolve("1").resolve(VersionDirectoryBaselines.FILE_NAME),
                "{\"x\": {\"histogram\": {\"boundaries\": [0.5], \"fractions\": [0.4, 0.4]}}}");
        Files.createDirectories(base.resolve("2"));
        Files.writeString(base.resolve("2").resolve(VersionDirectoryBaselines.FILE_NAME), "{not json");

        VersionDirectoryBaselines baselines = new VersionDirectoryBaselines(Map.of("m", base));
        assertThat(baselines.baselines("m", 1)).isEmpty();
        assertThat(baselines.baselines("m", 2)).isEmpty();
    }
}
