package io.verso.inference.lifecycle.source.registry;

import io.verso.contracts.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last desired state on local disk, so a pod restarted while the registry is unreachable serves what it served
 * before. Written to a temporary file and renamed, so a crash never leaves half a state behind.
 */
final class DesiredStateFile {

    private static final Logger log = LoggerFactory.getLogger(DesiredStateFile.class);

    private final Path file;

    DesiredStateFile(Path file) {
        this.file = file;
    }

    Optional<DesiredState> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RegistryClient.JSON.readValue(file.toFile(), DesiredState.class));
        } catch (RuntimeException e) {
            log.warn("Ignoring the unreadable cached desired state {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void write(DesiredState state) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, RegistryClient.JSON.writeValueAsBytes(state));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
