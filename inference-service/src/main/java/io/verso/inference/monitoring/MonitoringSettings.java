package io.verso.inference.monitoring;

import java.util.Map;

/** Each model's monitoring settings; models configured with none get the defaults. */
public final class MonitoringSettings {

    private final ModelMonitoring defaults;
    private final Map<String, ModelMonitoring> models;

    public MonitoringSettings(ModelMonitoring defaults, Map<String, ModelMonitoring> models) {
        this.defaults = defaults;
        this.models = Map.copyOf(models);
    }

    public ModelMonitoring forModel(String model) {
        return models.getOrDefault(model, defaults);
    }
}
