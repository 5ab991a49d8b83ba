package io.verso.inference.monitoring.predictionlog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * JSON-lines files in one directory, used by one thread. Lines go to {@code predictions-<UTC time>-<seq>.jsonl.part};
 * once it reaches {@code maxFileBytes} or is {@code maxFileAge} old, it is closed and renamed to {@code .jsonl}, so
 * a reader that only takes {@code *.jsonl} files only ever sees complete ones, in name order. After each rename the
 * oldest complete files beyond {@code maxFiles} are deleted: the directory holds at most {@code maxFiles} complete
 * files plus the one being written, each at most {@code maxFileBytes} plus one record.
 */
final class RotatingJsonlFiles implements AutoCloseable {

    static final String PREFIX = "predictions-";
    static final String COMPLETE = ".jsonl";
    static final String PART = ".jsonl.part";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final long maxFileBytes;
    private final int maxFiles;
    private final Duration maxFileAge;
    private final StreamOpener opener;
    private final Clock clock;
    private long sequence;
    private Path current;
    private OutputStream out;
    private long written;
    private Instant opened;

    RotatingJsonlFiles(Path directory, long maxFileBytes, int maxFiles, Duration maxFileAge, StreamOpener opener,
                       Clock clock) throws IOException {
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        this.maxFileAge = maxFileAge;
        this.opener = opener;
        this.clock = clock;
        completeLeftovers();
    }

    /** A file a previous process left open is completed, so that it counts against {@code maxFiles}. */
    private void completeLeftovers() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> parts;
        try (Stream<Path> files = Files.list(directory)) {
            parts = files.filter(f -> f.getFileName().toString().endsWith(PART)).toList();
        }
        for (Path part : parts) {
            current = part;
            complete();
        }
        current = null;
    }

    void write(byte[] line) throws IOException {
        if (out == null) {
            open();
        }
        out.write(line);
        written += line.length;
        if (written >= maxFileBytes) {
            finish();
        }
    }

    /** Makes written lines reach the file, and completes a file that has been open for {@code maxFileAge}. */
    void flush() throws IOException {
        if (out == null) {
            return;
        }
        out.flush();
        if (!clock.instant().isBefore(opened.plus(maxFileAge))) {
            finish();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            finish();
        }
    }

    private void open() throws IOException {
        // Created on the first record, so that a pod with the log off leaves no directory behind.
        Files.createDirectories(directory);
        opened = clock.instant();
        // The sequence orders files written within one second; the time keeps names unique across restarts.
        current = directory.resolve(PREFIX + STAMP.format(opened) + "-" + String.format("%06d", sequence++) + PART);
        out = opener.open(current);
        written = 0;
    }

    private void finish() throws IOException {
        try {
            out.close();
        } finally {
            out = null;
        }
        complete();
        deleteOldest();
    }

    private void complete() throws IOException {
        String name = current.getFileName().toString();
        Files.move(current, current.resolveSibling(name.substring(0, name.length() - PART.length()) + COMPLETE),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private void deleteOldest() throws IOException {
        List<Path> complete;
        try (Stream<Path> files = Files.list(directory)) {
            complete = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(COMPLETE);
            }).sorted().toList();
        }
        for (int i = 0; i < complete.size() - maxFiles; i++) {
            Files.deleteIfExists(complete.get(i));
        }
    }
}
