package io.verso.inference.monitoring.drift;

import io.verso.contracts.FeatureBaseline;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Baselines of file-system models: {@code <base path>/<version>/verso-baseline.json}, a JSON object of feature name →
 * {@link FeatureBaseline}, the same JSON the registry takes in {@code metadata.features}. A missing file means no
 * baseline; an unreadable one is logged and treated the same (monitoring must never stop serving).
 */
public final class VersionDirectoryBaselines implements BaselineSource {

    public static final String FILE_NAME = "verso-baseline.json";

    private static final Logger log = LoggerFactory.getLogger(VersionDirectoryBaselines.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final TypeReference<Map<String, FeatureBaseline>> BASELINES = new TypeReference<>() {
    };

    private static final Pattern VERSION_NAME = Pattern.compile("[0-9]{1,30}");

    private final Map<String, Path> basePaths;

    /** @param basePaths model name → its base path (the directory of numbered version directories) */
    public VersionDirectoryBaselines(Map<String, Path> basePaths) {
        this.basePaths = Map.copyOf(basePaths);
    }

    @Override
    public Map<String, FeatureBaseline> baselines(String model, long version) {
        Path base = basePaths.get(model);
        if (base == null) {
            return Map.of();
        }
        Path file = versionDirectory(base, version).map(directory -> directory.resolve(FILE_NAME)).orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, FeatureBaseline> baselines = JSON.readValue(file.toFile(), BASELINES);
            return baselines == null ? Map.of() : baselines;
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("Ignoring the unreadable baseline file {}: {}", file, e.getMessage());
            return Map.of();
        }
    }

    /** Version directories are numbers, possibly zero-padded ({@code 00000123}), as the file-system source reads them. */
    private static Optional<Path> versionDirectory(Path base, long version) {
        try (Stream<Path> children = Files.list(base)) {
            return children.filter(Files::isDirectory).filter(child -> {
                String name = child.getFileName().toString();
                return VERSION_NAME.matcher(name).matches() && new BigInteger(name).equals(BigInteger.valueOf(version));
            }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
