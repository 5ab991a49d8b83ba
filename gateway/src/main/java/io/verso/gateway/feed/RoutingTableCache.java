package io.verso.gateway.feed;

import io.verso.contracts.RoutingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last routing table on disk, exactly the bytes the registry sent. Written to a temporary file and moved into
 * place, so a crash mid-write leaves the previous copy rather than half a table.
 */
public final class RoutingTableCache {

    private static final Logger log = LoggerFactory.getLogger(RoutingTableCache.class);

    private final Path file;

    public RoutingTableCache(Path file) {
        this.file = file;
    }

    /** The cached table; empty when there is none or it cannot be read (then the gateway waits for the registry). */
    public Optional<RoutingTable> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RoutingTableJson.read(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the cached routing table {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void save(byte[] json) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.write(temporary, json);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the routing table cache " + file, e);
        }
    }
}
