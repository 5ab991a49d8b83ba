package io.verso.inference.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.lifecycle.AspiredVersionsTarget;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.testsupport.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemModelSourceTest {

    @TempDir
    Path base;

    private final Recorder target = new Recorder();

    @Test
    void readsZeroPaddedVersionDirectoriesAndSkipsEverythingElse() throws IOException {
        Path v1 = version("00000001");
        Path v20 = version("20");
        Files.createDirectories(base.resolve("00000030"));                 // no saved_model.pb yet: being copied
        Files.createDirectories(base.resolve("latest").resolve("x"));      // not a number
        Files.writeString(base.resolve("00000040"), "a file, not a dir");
        Files.createDirectories(base.resolve("0000000000000000005"));      // 19 digits: beyond a version number
        Files.writeString(base.resolve("0000000000000000005/saved_model.pb"), "");

        scanOnce(VersionPolicy.all());

        assertThat(target.last()).isEqualTo(Map.of(1L, v1, 20L, v20));
    }

    @Test
    void appliesTheModelsVersionPolicy() throws IOException {
        Path v1 = version("1");
        Path v2 = version("2");
        Path v3 = version("3");

        scanOnce(VersionPolicy.latest(1));
        scanOnce(VersionPolicy.latest(2));
        scanOnce(VersionPolicy.specific(Set.of(1L, 3L, 99L)));

        assertThat(target.calls).containsExactly(Map.of(3L, v3), Map.of(2L, v2, 3L, v3), Map.of(1L, v1, 3L, v3));
    }

    @Test
    void aVersionRemovedFromDiskLeavesTheAspiredSetOnTheNextScan() throws IOException {
        Path v1 = version("00000001");
        Path v2 = version("00000002");
        FileSystemModelSource source = new FileSystemModelSource(List.of(config(VersionPolicy.all())), Duration.ZERO);

        source.scan(target);
        TestFiles.deleteTree(v2);
        source.scan(target);

        assertThat(target.calls).containsExactly(Map.of(1L, v1, 2L, v2), Map.of(1L, v1));
    }

    @Test
    void aMissingBasePathEmitsNothingSoTheServedVersionsStay() {
        FileSystemModelSource source = new FileSystemModelSource(
                List.of(ModelConfig.of("m", base.resolve("absent"))), Duration.ZERO);

        source.scan(target);

        assertThat(target.calls).isEmpty();
    }

    @Test
    void startScansOnceWhenThePollIntervalIsZero() throws IOException {
        Path v1 = version("1");
        try (FileSystemModelSource source = new FileSystemModelSource(List.of(config(VersionPolicy.all())),
                Duration.ZERO)) {
            source.start(target);
        }

        assertThat(target.calls).containsExactly(Map.of(1L, v1));
    }

    private void scanOnce(VersionPolicy policy) {
        new FileSystemModelSource(List.of(config(policy)), Duration.ZERO).scan(target);
    }

    private ModelConfig config(VersionPolicy policy) {
        return new ModelConfig("m", base, policy, null, null);
    }

    private Path version(String name) throws IOException {
        Path dir = Files.createDirectories(base.resolve(name));
        Files.writeString(dir.resolve("saved_model.pb"), "");
        return dir;
    }

    /** Keeps every aspired-versions call, in order. */
    private static final class Recorder implements AspiredVersionsTarget {
        final List<Map<Long, Path>> calls = new ArrayList<>();

        @Override
        public void setAspiredVersions(ModelConfig config, Map<Long, Path> versions) {
            calls.add(Map.copyOf(versions));
        }

        Map<Long, Path> last() {
            return calls.get(calls.size() - 1);
        }
    }
}
