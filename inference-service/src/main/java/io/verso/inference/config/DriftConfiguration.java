package io.verso.inference.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.lifecycle.source.registry.RegistrySync;
import io.verso.inference.monitoring.drift.BaselineSource;
import io.verso.inference.monitoring.drift.DriftMonitor;
import io.verso.inference.monitoring.drift.DriftObserver;
import io.verso.inference.monitoring.drift.DriftThresholds;
import io.verso.inference.monitoring.drift.DriftWorker;
import io.verso.inference.monitoring.drift.ModelDriftSettings;
import io.verso.inference.monitoring.drift.DriftWindow;
import io.verso.inference.monitoring.drift.VersionDirectoryBaselines;
import io.verso.inference.monitoring.summary.QualitySource;
import io.verso.inference.monitoring.summary.SummaryReporter;
import io.verso.inference.monitoring.summary.TrafficObserver;
import io.verso.inference.monitoring.summary.VersionTraffic;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires drift and skew monitoring (baselines from the registry's desired state, else {@code verso-baseline.json}
 * in the version directory) and the monitoring summary sent to the registry; the report endpoint is mounted by
 * {@link HttpConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class DriftConfiguration {

    @Bean
    DriftMonitor driftMonitor(MonitoringProperties properties, InferenceProperties inference,
                              ObjectProvider<RegistrySync> registry, MeterRegistry meters) {
        Map<String, Path> basePaths = ModelConfigs.from(inference).stream()
                .collect(Collectors.toMap(ModelConfig::name, ModelConfig::basePath));
        BaselineSource fromRegistry = (model, version) -> Optional.ofNullable(registry.getIfAvailable())
                .map(sync -> sync.baselines(model, version)).orElse(Map.of());
        MonitoringProperties.Drift drift = properties.drift();
        return new DriftMonitor(fromRegistry.orElse(new VersionDirectoryBaselines(basePaths)),
                model -> settings(properties, model),
                new DriftWindow(drift.window(), drift.buckets(), drift.maxCategories()),
                System::currentTimeMillis, meters);
    }

    @Bean(destroyMethod = "close")
    DriftWorker driftWorker(DriftMonitor monitor, MonitoringProperties properties, MeterRegistry meters,
                            ModelManager manager) {
        return new DriftWorker(monitor, properties.drift().queueCapacity(), properties.drift().queueMaxValues(), meters,
                manager::holds, MonitoringConfiguration.RETAIN_EVERY);
    }

    /** Off with {@code verso.inference.monitoring.drift.enabled=false}: no statistics, no drift meters. */
    @Bean
    @ConditionalOnProperty(name = "verso.inference.monitoring.drift.enabled", matchIfMissing = true)
    InferenceObserver driftObserver(DriftWorker worker) {
        return new DriftObserver(worker);
    }

    /** Traffic per version feeds only the registry summary, so it is kept only when the pod follows a registry. */
    @Bean
    @ConditionalOnProperty("verso.inference.registry.uri")
    VersionTraffic versionTraffic(MonitoringProperties properties) {
        return new VersionTraffic(properties.drift().window(), properties.drift().buckets(),
                System::currentTimeMillis);
    }

    @Bean
    @ConditionalOnProperty("verso.inference.registry.uri")
    InferenceObserver trafficObserver(VersionTraffic traffic) {
        return new TrafficObserver(traffic);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("verso.inference.registry.uri")
    SummaryReporter summaryReporter(RegistrySync registry, VersionTraffic traffic, DriftMonitor drift,
                                    QualitySource quality, MonitoringProperties properties,
                                    ModelManager manager) {
        return new SummaryReporter(registry.podId(), traffic, drift, quality,
                report -> {
                    traffic.retain(manager::holds); // versions that left the pod drop out of the next report, even if this fails
                    registry.reportMonitoring(report);
                }).start(properties.summary().interval());
    }

    /** The model's column names and thresholds: its overrides over the defaults. */
    static ModelDriftSettings settings(MonitoringProperties properties, String model) {
        MonitoringProperties.Drift defaults = properties.drift();
        MonitoringProperties.Model own = properties.models().get(model);
        MonitoringProperties.ModelDrift overrides = own == null ? null : own.drift();
        DriftThresholds thresholds = new DriftThresholds(
                overrides != null && overrides.psi() != null ? overrides.psi() : defaults.psi(),
                overrides != null && overrides.jsDistance() != null ? overrides.jsDistance() : defaults.jsDistance(),
                overrides != null && overrides.linf() != null ? overrides.linf() : defaults.linf(),
                overrides != null && overrides.minSamples() != null ? overrides.minSamples() : defaults.minSamples());
        return new ModelDriftSettings(own == null ? Map.of() : own.columns(), thresholds);
    }
}
