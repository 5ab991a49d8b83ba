package io.verso.inference.monitoring.drift;

import io.verso.contracts.FeatureBaseline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        Path file = base.resolve(Long.toString(version)).resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
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
}
