package io.verso.inference.lifecycle.source.registry;

import io.verso.contracts.DesiredModel;
import io.verso.contracts.DesiredState;
import io.verso.contracts.DesiredVersion;
import io.verso.contracts.VersionRole;
import io.verso.inference.lifecycle.AspiredVersionsTarget;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves what the registry's desired state lists. One thread long-polls the feed with the last revision; each new
 * state is written to disk, its artifacts fetched into the {@link ArtifactCache}, and the versions handed to the
 * manager. Errors back off exponentially with jitter, and nothing the registry fails to say unloads anything: an
 * outage keeps the last state, a pod started during one serves the state cached on disk, a version that cannot be
 * fetched is reported as ERROR while the versions already serving stay, and a version the state drops stays
 * aspired for a grace period (the manager then unloads it once its requests finish).
 */
public final class RegistryModelSource implements ModelSource {

    private static final Logger log = LoggerFactory.getLogger(RegistryModelSource.class);

    /**
     * @param pollWait how long one long-poll may wait for a change
     * @param unloadGrace how long a version stays after the desired state stopped listing it
     * @param maxBackoff the longest pause between failed polls
     */
    public record Timing(Duration pollWait, Duration unloadGrace, Duration maxBackoff) {
    }

    private final RegistryClient client;
    private final ArtifactCache artifacts;
    private final DesiredStateFile stateFile;
    private final SyncMetrics metrics;
    private final BiFunction<String, Map<String, Long>, ModelConfig> configs;
    private final Timing timing;
    private final Set<String> served;
    private final Clock clock;
    private final Map<VersionKey, String> fetchErrors = new ConcurrentHashMap<>();
    /** Per model, per version: the desired version and when the desired state last listed it. */
    private final Map<String, Map<Long, Listed>> listed = new HashMap<>();
    private final Map<String, Set<Long>> aspired = new HashMap<>();
    private volatile DesiredState current;
    private volatile Thread poller;
    private AspiredVersionsTarget target;

    private record Listed(DesiredVersion version, Instant at) {
    }

    /** One version of one model, as fetch errors are kept. */
    record VersionKey(String model, long version) {
    }

    RegistryModelSource(RegistryClient client, ArtifactCache artifacts, DesiredStateFile stateFile,
                        SyncMetrics metrics, BiFunction<String, Map<String, Long>, ModelConfig> configs,
                        Timing timing, Set<String> served, Clock clock) {
        this.client = client;
        this.artifacts = artifacts;
        this.stateFile = stateFile;
        this.metrics = metrics;
        this.configs = configs;
        this.timing = timing;
        this.served = Set.copyOf(served);
        this.clock = clock;
    }

    @Override
    public void start(AspiredVersionsTarget target) {
        this.target = target;
        stateFile.read().ifPresent(cached -> {
            log.info("Serving the cached desired state {} until the registry answers", cached.revision());
            apply(cached);
        });
        Thread thread = new Thread(this::poll, "registry-sync");
        thread.setDaemon(true);
        poller = thread;
        thread.start();
    }

    /** The last desired state applied, from the registry or the disk cache; empty before either. */
    public Optional<DesiredState> current() {
        return Optional.ofNullable(current);
    }

    /** Versions that could not be fetched, with the reason, for the pod's status report. */
    Map<VersionKey, String> fetchErrors() {
        return Map.copyOf(fetchErrors);
    }

    /** The stable version of every model of the last state: readiness needs all of them AVAILABLE. */
    public Map<String, Long> stableVersions() {
        DesiredState state = current;
        Map<String, Long> stable = new TreeMap<>();
        if (state != null) {
            for (DesiredModel model : state.models()) {
                model.versions().stream().filter(v -> v.roles().contains(VersionRole.STABLE))
                        .forEach(v -> stable.put(model.model(), v.version()));
            }
        }
        return stable;
    }

    private void poll() {
        Duration backoff = Duration.ofMillis(500);
        while (poller == Thread.currentThread()) {
            try {
                Optional<DesiredState> changed = client.desiredState(current == null ? null : current.revision(),
                        timing.pollWait());
                metrics.synced();
                backoff = Duration.ofMillis(500);
                if (changed.isPresent()) {
                    stateFile.write(changed.get());
                    log.info("Desired state {} received", changed.get().revision());
                }
                apply(changed.orElse(current));
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Registry sync failed ({}); retrying in {} ms", e.toString(), backoff.toMillis());
                if (current != null) {
                    apply(current);
                }
                if (!sleep(jittered(backoff))) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Full jitter keeps a fleet of pods from retrying in lock-step after a registry restart. */
    private static Duration jittered(Duration backoff) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2, backoff.toMillis() + 1));
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands the manager every model's versions: those listed now, and those still within their grace period. */
    synchronized void apply(DesiredState received) {
        if (received == null) {
            return;
        }
        DesiredState state = servedPart(received);
        current = state;
        Instant now = clock.instant();
        Map<String, Map<String, Long>> labels = new HashMap<>();
        for (DesiredModel model : state.models()) {
            labels.put(model.model(), model.labels());
            Map<Long, Listed> versions = listed.computeIfAbsent(model.model(), m -> new TreeMap<>());
            model.versions().forEach(v -> versions.put(v.version(), new Listed(v, now)));
        }
        Instant expired = now.minus(timing.unloadGrace());
        for (Map.Entry<String, Map<Long, Listed>> model : listed.entrySet()) {
            model.getValue().values().removeIf(entry -> entry.at().isBefore(expired));
            aspire(model.getKey(), model.getValue(), labels.getOrDefault(model.getKey(), Map.of()));
        }
        listed.values().removeIf(Map::isEmpty);
        fetchErrors.keySet().removeIf(key -> {
            Map<Long, Listed> versions = listed.get(key.model());
            return versions == null || !versions.containsKey(key.version());
        });
    }

    /** The models this pod serves out of a state: all of them when {@code served} is empty. */
    private DesiredState servedPart(DesiredState state) {
        if (served.isEmpty()) {
            return state;
        }
        return new DesiredState(state.revision(),
                state.models().stream().filter(model -> served.contains(model.model())).toList());
    }

    private void aspire(String model, Map<Long, Listed> versions, Map<String, Long> labels) {
        Map<Long, Path> directories = new TreeMap<>();
        for (Listed entry : versions.values()) {
            VersionKey key = new VersionKey(model, entry.version().version());
            try {
                directories.put(entry.version().version(), artifacts.modelDirectory(entry.version()));
                fetchErrors.remove(key);
            } catch (ArtifactRejectedException | IOException e) {
                fetchErrors.put(key, e.getMessage());
                log.warn("Version {} of model {} not fetched: {}", entry.version().version(), model, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Set<Long> before = aspired.getOrDefault(model, Set.of());
        if (directories.isEmpty() && !versions.isEmpty() && !before.isEmpty()) {
            // Nothing listed could be fetched: keep serving what serves now rather than unloading it.
            return;
        }
        aspired.put(model, new HashSet<>(directories.keySet()));
        target.setAspiredVersions(configs.apply(model, labels), directories);
    }

    @Override
    public void close() {
        Thread thread = poller;
        poller = null;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
