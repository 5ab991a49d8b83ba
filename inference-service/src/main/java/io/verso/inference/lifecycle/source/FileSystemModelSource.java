package io.verso.inference.lifecycle.source;

import io.verso.inference.lifecycle.AspiredVersionsTarget;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the versions found in model base paths, as TensorFlow Serving's file-system storage path source: each
 * numbered sub-directory holding a {@code saved_model.pb} is a version ({@code 00000123} is version 123), the
 * model's version policy picks which to serve, and the directories are scanned again every poll interval so
 * versions added or removed on disk are loaded or unloaded. A poll interval of zero scans once.
 */
public final class FileSystemModelSource implements ModelSource {

    private static final Logger log = LoggerFactory.getLogger(FileSystemModelSource.class);

    private final List<ModelConfig> models;
    private final Duration pollInterval;
    private ScheduledExecutorService poller;

    public FileSystemModelSource(List<ModelConfig> models, Duration pollInterval) {
        this.models = List.copyOf(models);
        this.pollInterval = pollInterval;
    }

    @Override
    public void start(AspiredVersionsTarget target) {
        scan(target);
        if (!pollInterval.isZero()) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "model-repository-poller");
                thread.setDaemon(true);
                return thread;
            });
            long millis = pollInterval.toMillis();
            poller.scheduleWithFixedDelay(() -> scan(target), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** One pass over every model; a model whose directory cannot be read keeps what it serves. */
    void scan(AspiredVersionsTarget target) {
        for (ModelConfig model : models) {
            try {
                Map<Long, Path> present = versionsOnDisk(model.basePath());
                Map<Long, Path> aspired = new TreeMap<>();
                model.versionPolicy().select(present.keySet()).forEach(v -> aspired.put(v, present.get(v)));
                target.setAspiredVersions(model, aspired);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot scan the versions of model {} under {}: {}", model.name(), model.basePath(),
                        e.toString());
            }
        }
    }

    static Map<Long, Path> versionsOnDisk(Path basePath) throws IOException {
        Map<Long, Path> versions = new TreeMap<>();
        try (Stream<Path> children = Files.list(basePath)) {
            children.filter(Files::isDirectory).forEach(dir -> {
                Long version = parseVersion(dir.getFileName().toString());
                if (version != null && Files.isRegularFile(dir.resolve("saved_model.pb"))) {
                    versions.put(version, dir);
                }
            });
        }
        return versions;
    }

    /** A version directory's name is all digits; leading zeros are padding. */
    static Long parseVersion(String name) {
        if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(name);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
