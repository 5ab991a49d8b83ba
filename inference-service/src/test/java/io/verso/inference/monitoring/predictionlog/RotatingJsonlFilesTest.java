package io.verso.inference.monitoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingJsonlFilesTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    @Test
    void rotationBoundsTheFileCountAndSizeAndKeepsTheNewestLines() throws IOException {
        byte[] line = "{\"n\": 0000000000}\n".getBytes(StandardCharsets.UTF_8);
        try (RotatingJsonlFiles files = new RotatingJsonlFiles(dir, 5L * line.length, 3, Duration.ofHours(1),
                StreamOpener.FILES, clock)) {
            for (int i = 0; i < 100; i++) {
                files.write(String.format("{\"n\": %010d}%n", i).getBytes(StandardCharsets.UTF_8));
                // Every state the directory passes through stays within the bound.
                assertThat(names()).hasSizeLessThanOrEqualTo(3 + 1);
            }
        }
        List<String> names = names();
        assertThat(names).hasSize(3).allMatch(n -> n.matches("predictions-\\d{8}T\\d{6}Z-\\d{6}\\.jsonl"));
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            assertThat(Files.size(dir.resolve(name))).isEqualTo(5L * line.length);
            lines.addAll(Files.readAllLines(dir.resolve(name)));
        }
        // The oldest files went; the newest 15 lines are there, in order.
        assertThat(lines).first().isEqualTo(String.format("{\"n\": %010d}", 85));
        assertThat(lines).last().isEqualTo(String.format("{\"n\": %010d}", 99));
    }

    @Test
    void aFileIsVisibleAsJsonlOnlyOnceCompleteAndAnOldOneIsCompletedOnFlush() throws IOException {
        try (RotatingJsonlFiles files = new RotatingJsonlFiles(dir, 1 << 20, 3, Duration.ofMinutes(1),
                StreamOpener.FILES, clock)) {
            files.write("{}\n".getBytes(StandardCharsets.UTF_8));
            files.flush();
            assertThat(names()).singleElement().asString().endsWith(".jsonl.part");

            clock.advance(Duration.ofMinutes(1));
            files.flush();
            assertThat(names()).singleElement().asString().endsWith(".jsonl");
        }
    }

    @Test
    void aFileLeftOpenByAnEarlierProcessIsCompletedAtStart() throws IOException {
        Files.writeString(dir.resolve("predictions-20260101T000000Z-000000.jsonl.part"), "{}\n");
        new RotatingJsonlFiles(dir, 1 << 20, 3, Duration.ofMinutes(1), StreamOpener.FILES, clock).close();
        assertThat(names()).containsExactly("predictions-20260101T000000Z-000000.jsonl");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-26T06:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
