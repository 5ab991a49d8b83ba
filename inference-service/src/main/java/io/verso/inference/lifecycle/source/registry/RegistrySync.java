package io.verso.inference.lifecycle.source.registry;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.artifact.SafeArchiveExtractor;
import io.verso.contracts.DesiredVersion;
import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.PodMonitoringReport;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.model.VersionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A pod's link to the registry, assembled and started: the model source that follows the desired state and the
 * reporter that tells the registry what the pod serves.
 */
public final class RegistrySync implements AutoCloseable {

    /**
     * @param registry the registry's base URL
     * @param token the pod's machine token
     * @param podId the pod's stable identity in reports
     * @param endpoint the base URL gateways reach this pod at
     * @param grpcPort the port the pod's gRPC server listens on (the bound one when it asked for a free port), on
     *     the endpoint's host; {@code null} when the pod serves no gRPC
     * @param cacheDirectory where artifacts and the last desired state are kept across restarts
     * @param timing long-poll, grace and backoff durations
     * @param heartbeat how often the pod reports even when nothing changed
     * @param maxModelBytes the largest an artifact may expand to
     * @param models the models this pod serves out of the desired state; empty: all of them
     */
    public record Settings(URI registry, String token, String podId, String endpoint, Integer grpcPort,
                           Path cacheDirectory, RegistryModelSource.Timing timing, Duration heartbeat,
                           long maxModelBytes, Set<String> models) {
    }

    private static final int MAX_ARCHIVE_ENTRIES = 100_000;

    private final ModelManager manager;
    private final RegistryModelSource source;
    private final PodStatusReporter reporter;
    private final RegistryClient client;
    private final String podId;

    private RegistrySync(ModelManager manager, RegistryModelSource source, PodStatusReporter reporter,
                         RegistryClient client, String podId) {
        this.manager = manager;
        this.source = source;
        this.reporter = reporter;
        this.client = client;
        this.podId = podId;
    }

    /**
     * @param configs builds the configuration of a registry model from its name and labels (session options and
     *     batching come from the pod's own settings)
     */
    public static RegistrySync start(Settings settings, ModelManager manager, MeterRegistry meters,
                                     BiFunction<String, Map<String, Long>, ModelConfig> configs) {
        try {
            Files.createDirectories(settings.cacheDirectory());
            RegistryClient client = new RegistryClient(settings.registry(), settings.token(), Duration.ofSeconds(5));
            SyncMetrics metrics = new SyncMetrics(meters, Clock.systemUTC());
            ArtifactCache artifacts = new ArtifactCache(settings.cacheDirectory().resolve("artifacts"), client,
                    new SafeArchiveExtractor(settings.maxModelBytes(), MAX_ARCHIVE_ENTRIES), metrics);
            RegistryModelSource source = new RegistryModelSource(client, artifacts,
                    new DesiredStateFile(settings.cacheDirectory().resolve("desired-state.json")), metrics, configs,
                    settings.timing(), settings.models(), Clock.systemUTC());
            PodStatusReporter reporter = new PodStatusReporter(client, manager, source, settings.podId(),
                    settings.endpoint(), settings.grpcPort(), settings.heartbeat());
            source.start(manager);
            reporter.start();
            return new RegistrySync(manager, source, reporter, client, settings.podId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the registry cache " + settings.cacheDirectory(), e);
        }
    }

    /** Ready once a desired state is known and every model's stable version is AVAILABLE here. */
    public boolean isReady() {
        if (source.current().isEmpty()) {
            return false;
        }
        return source.stableVersions().entrySet().stream().allMatch(stable -> manager.models().contains(stable.getKey())
                && manager.status(stable.getKey()).stream().anyMatch(v -> v.version() == stable.getValue()
                        && v.state() == VersionState.AVAILABLE));
    }

    /** The pod's identity in its reports. */
    public String podId() {
        return podId;
    }

    /** The training baselines the last desired state lists for a version; empty when it lists none. */
    public Map<String, FeatureBaseline> baselines(String model, long version) {
        return source.current().stream().flatMap(state -> state.models().stream())
                .filter(m -> m.model().equals(model)).flatMap(m -> m.versions().stream())
                .filter(v -> v.version() == version).findFirst().map(DesiredVersion::features).orElse(Map.of());
    }

    /**
     * Sends the pod's monitoring summaries ({@code POST /api/v1/feed/monitoring}); blocking, so callers use their
     * own thread.
     *
     * @throws UncheckedIOException when the registry cannot be reached or refuses the report
     * @throws IllegalStateException when the sending thread is interrupted
     */
    public void reportMonitoring(PodMonitoringReport report) {
        try {
            client.reportMonitoring(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the monitoring summary", e);
        }
    }

    @Override
    public void close() {
        reporter.close();
        source.close();
    }
}
