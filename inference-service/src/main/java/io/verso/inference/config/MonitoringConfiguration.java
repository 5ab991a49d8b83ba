package io.verso.inference.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.monitoring.ModelMonitoring;
import io.verso.inference.monitoring.MonitoringSettings;
import io.verso.inference.monitoring.Task;
import io.verso.inference.monitoring.VersionRetention;
import io.verso.inference.monitoring.feedback.FeedbackService;
import io.verso.inference.monitoring.metrics.RequestMetrics;
import io.verso.inference.monitoring.predictionlog.CloudEventsHttpSink;
import io.verso.inference.monitoring.predictionlog.KafkaSink;
import io.verso.inference.monitoring.predictionlog.PredictionLog;
import io.verso.inference.monitoring.predictionlog.PredictionSink;
import io.verso.inference.monitoring.predictionlog.StreamOpener;
import io.verso.inference.monitoring.slice.FeatureBucketSlicer;
import io.verso.inference.monitoring.slice.HeaderSlicer;
import io.verso.inference.monitoring.slice.SliceMetrics;
import io.verso.inference.monitoring.slice.Slicer;
import io.verso.inference.monitoring.summary.QualitySource;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires request metrics, the prediction log, feedback and slices as observers of the data plane (and metrics as
 * a load listener of the model manager). Their endpoints are mounted by {@link HttpConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
class MonitoringConfiguration {

    /** How often per-version monitoring state of versions the pod no longer holds is dropped. */
    static final Duration RETAIN_EVERY = Duration.ofSeconds(10);

    @Bean
    MonitoringSettings monitoringSettings(MonitoringProperties properties) {
        ModelMonitoring defaults = new ModelMonitoring(properties.predictionLog().rate(), null, null, Slicer.NONE);
        Map<String, ModelMonitoring> models = properties.models().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, model -> modelMonitoring(model.getKey(), model.getValue(), defaults)));
        return new MonitoringSettings(defaults, models);
    }

    private static ModelMonitoring modelMonitoring(String name, MonitoringProperties.Model model,
                                                   ModelMonitoring defaults) {
        double rate = model.predictionLogRate() == null ? defaults.predictionLogRate() : model.predictionLogRate();
        return new ModelMonitoring(rate, model.task(), model.labelOutput(), slicer(name, model.slices()));
    }

    private static Slicer slicer(String model, MonitoringProperties.Slices slices) {
        if (slices == null) {
            return Slicer.NONE;
        }
        if ((slices.header() == null) == (slices.feature() == null)) {
            throw new IllegalArgumentException("verso.inference.monitoring.models." + model
                    + ".slices: set exactly one of header and feature");
        }
        if (slices.header() != null) {
            return new HeaderSlicer(slices.header(), new HashSet<>(slices.values()), slices.maxValues());
        }
        MonitoringProperties.Feature feature = slices.feature();
        return new FeatureBucketSlicer(feature.input(), feature.column(), feature.name(), feature.boundaries());
    }

    @Bean
    RequestMetrics requestMetrics(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    @Bean
    SliceMetrics sliceMetrics(MeterRegistry registry, MonitoringSettings settings) {
        return new SliceMetrics(registry, settings);
    }

    /** Tests may supply a {@link StreamOpener} bean to play a slow disk; otherwise files are plain files. */
    @Bean(destroyMethod = "close")
    PredictionLog predictionLog(MonitoringSettings settings, MonitoringProperties properties,
                                ObjectProvider<StreamOpener> opener, MeterRegistry registry) throws IOException {
        MonitoringProperties.PredictionLog log = properties.predictionLog();
        return PredictionLog.open(settings, sink(log, opener), log.queueCapacity(), log.queueMaxValues(), registry);
    }

    private static PredictionSink sink(MonitoringProperties.PredictionLog log, ObjectProvider<StreamOpener> opener)
            throws IOException {
        int maxRecordBytes = Math.toIntExact(log.maxRecordSize().toBytes());
        return switch (log.sink()) {
            case FILE -> PredictionLog.files(log.directory(), log.maxFileSize().toBytes(), log.maxFiles(),
                    log.maxFileAge(), maxRecordBytes, opener.getIfAvailable(() -> StreamOpener.FILES));
            case CLOUDEVENTS -> {
                MonitoringProperties.CloudEvents http = log.cloudEvents();
                if (http.url() == null) {
                    throw new IllegalStateException("verso.inference.monitoring.prediction-log.sink=cloudevents needs "
                            + "verso.inference.monitoring.prediction-log.cloud-events.url");
                }
                yield new CloudEventsHttpSink(http.url(), http.source(), http.timeout(), maxRecordBytes);
            }
            case KAFKA -> {
                MonitoringProperties.Kafka kafka = log.kafka();
                if (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
                    throw new IllegalStateException("verso.inference.monitoring.prediction-log.sink=kafka needs "
                            + "verso.inference.monitoring.prediction-log.kafka.bootstrap-servers");
                }
                yield new KafkaSink(kafka.bootstrapServers(), kafka.topic(), kafka.properties(), kafka.source(),
                        maxRecordBytes);
            }
        };
    }

    @Bean
    FeedbackService feedbackService(MonitoringSettings settings, MonitoringProperties properties,
                                    MeterRegistry registry) {
        MonitoringProperties.Feedback feedback = properties.feedback();
        return FeedbackService.create(settings, feedback.maxPredictions(), feedback.maxPredictionRows(),
                feedback.maxPredictionAge(),
                feedback.window(), registry);
    }

    @Bean(destroyMethod = "close")
    VersionRetention feedbackRetention(FeedbackService feedback, ModelManager manager) {
        return VersionRetention.every(RETAIN_EVERY, () -> feedback.retain(manager::holds));
    }

    /**
     * The monitoring summaries a registry-following pod sends carry each version's feedback quality, which the
     * registry's canary analysis compares between canary and stable.
     */
    @Bean
    QualitySource feedbackQuality(FeedbackService feedback) {
        return (model, version) -> feedback.versionQuality(model, version)
                .filter(quality -> quality.count() > 0)
                .map(quality -> quality.task() == Task.CLASSIFICATION
                        ? new QualitySource.VersionQuality(quality.count(), quality.value(), null)
                        : new QualitySource.VersionQuality(quality.count(), null, quality.value()));
    }
}
