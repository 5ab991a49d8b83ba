package io.verso.inference.monitoring.drift;

import java.util.List;
import java.util.Map;

/**
 * How one model's features are monitored.
 *
 * @param columns    input name → feature name of each column, for inputs holding several features
 * @param thresholds the model's drift thresholds
 */
public record ModelDriftSettings(Map<String, List<String>> columns, DriftThresholds thresholds) {

    public ModelDriftSettings {
        columns = Map.copyOf(columns);
    }
}
