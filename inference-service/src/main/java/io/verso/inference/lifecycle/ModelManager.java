package io.verso.inference.lifecycle;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableLoader;
import io.verso.inference.model.VersionSelector;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served versions of every model in line with what the sources aspire to (TensorFlow Serving's
 * AspiredVersionsManager with its availability-preserving policy):
 * <ul>
 *   <li>new versions load on the loader executor, are warmed up, then become AVAILABLE;</li>
 *   <li>a version that is no longer aspired stops receiving requests only once another aspired version is
 *       AVAILABLE (or the model has no aspired versions left), so a failed new version never disturbs the one
 *       serving;</li>
 *   <li>an unloading version keeps its servable until its last in-flight request closes its lease.</li>
 * </ul>
 * State changes for one model happen under that model's lock; requests read published state without locking.
 */
public final class ModelManager implements AspiredVersionsTarget, AutoCloseable {

    /** The label a request without a version goes to, when the model has it. */
    public static final String STABLE_LABEL = "stable";
    private static final Logger log = LoggerFactory.getLogger(ModelManager.class);

    private final ServableLoader loader;
    private final Executor loadExecutor;
    private final Warmup warmup;
    private final ServableDecorator decorator;
    private final LoadRetry retry;
    private final ConcurrentMap<String, ModelEntry> models = new ConcurrentHashMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<ModelLoadListener> loadListeners = new CopyOnWriteArrayList<>();

    /**
     * @param maxAttempts how often a load is tried before the version is ERROR (a version directory may still be
     *     being copied when it is first seen)
     * @param delay the pause between attempts
     */
    public record LoadRetry(int maxAttempts, Duration delay) {
        public LoadRetry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    public ModelManager(ServableLoader loader, Executor loadExecutor, Warmup warmup, ServableDecorator decorator,
                        LoadRetry retry) {
        this.loader = loader;
        this.loadExecutor = loadExecutor;
        this.warmup = warmup;
        this.decorator = decorator;
        this.retry = retry;
    }

    /**
     * Calls {@code listener} after any version changes state (a pod's status report, for one). Listeners run on the
     * thread that made the change, so they must only hand the news on, never block.
     */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Calls {@code listener} each time a version's load ends, available or failed. */
    public void addLoadListener(ModelLoadListener listener) {
        loadListeners.add(listener);
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    @Override
    public void setAspiredVersions(ModelConfig config, Map<Long, Path> versions) {
        ModelEntry entry = models.computeIfAbsent(config.name(), name -> new ModelEntry());
        synchronized (entry) {
            entry.config = config;
            entry.aspired = new TreeSet<>(versions.keySet());
            versions.forEach((version, directory) -> {
                VersionSlot slot = entry.slots.get(version);
                if (slot == null || slot.state == VersionState.END) {
                    VersionSlot fresh = new VersionSlot(version, directory);
                    entry.slots.put(version, fresh);
                    loadExecutor.execute(() -> load(entry, fresh));
                }
            });
            reconcile(entry);
        }
        changed();
    }

    /**
     * Leases the version a request selects. Default and label selections are resolved again if the version they
     * found is unloaded in between, so requests keep succeeding across a swap. A version that is still loading (and,
     * without a version or label, a model with no version serving yet but one loading) is UNAVAILABLE, as Triton
     * answers for a model that is not ready: retrying later succeeds, where NOT_FOUND says it never will.
     */
    public ServableLease acquire(String model, VersionSelector selector) {
        ModelEntry entry = entry(model, selector);
        for (int attempt = 0; attempt < 3; attempt++) {
            VersionSlot slot = resolve(entry, model, selector);
            ServableHandle handle = slot.handle;
            if (slot.state == VersionState.AVAILABLE && handle != null && handle.tryAcquire()) {
                return new ServableLease(model, slot.version, handle);
            }
            if (selector instanceof VersionSelector.Number) {
                break;
            }
        }
        throw notFound(model, selector);
    }

    /** Every known version of a model, newest first. */
    public List<VersionStatus> status(String model) {
        ModelEntry entry = models.get(model);
        if (entry == null) {
            throw new InferenceException(ErrorCode.NOT_FOUND, "Could not find any versions of model " + model);
        }
        List<VersionStatus> result = new ArrayList<>();
        entry.slots.descendingMap().values().forEach(slot ->
                result.add(new VersionStatus(model, slot.version, slot.state, slot.error)));
        return result;
    }

    public Set<String> models() {
        return new TreeSet<>(models.keySet());
    }

    /**
     * Whether the pod holds the version in any state short of unloading: state kept per version (monitoring
     * windows, their meters) may go once this turns false.
     */
    public boolean holds(String model, long version) {
        ModelEntry entry = models.get(model);
        if (entry == null) {
            return false;
        }
        VersionSlot slot = entry.slots.get(version);
        return slot != null && slot.state != VersionState.UNLOADING && slot.state != VersionState.END;
    }

    /** The labels of a model, label to version. */
    public Map<String, Long> labels(String model) {
        ModelEntry entry = models.get(model);
        return entry == null || entry.config == null ? Map.of() : entry.config.labels();
    }

    /**
     * True when the pod can take traffic: every model with aspired versions serves at least one version, and, until
     * a model has first been ready, none of its aspired versions is still loading (so a pod starts taking traffic
     * with all its initial versions). Once ready, a model stays ready while a new version loads or fails beside the
     * one serving: a rollout must not take the pod out of its Service.
     */
    public boolean isReady() {
        for (ModelEntry entry : models.values()) {
            synchronized (entry) {
                if (!entry.aspired.isEmpty() && !isReady(entry)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Caller holds the entry's lock. */
    private static boolean isReady(ModelEntry entry) {
        boolean serving = entry.slots.values().stream().anyMatch(slot -> slot.state == VersionState.AVAILABLE);
        boolean loading = entry.aspired.stream().map(entry.slots::get)
                .anyMatch(slot -> slot.state == VersionState.START || slot.state == VersionState.LOADING);
        entry.wasReady |= serving && !loading;
        return serving && entry.wasReady;
    }

    @Override
    public void close() {
        models.values().forEach(entry -> {
            synchronized (entry) {
                entry.aspired = new TreeSet<>();
                reconcile(entry);
            }
        });
    }

    private ModelEntry entry(String model, VersionSelector selector) {
        ModelEntry entry = models.get(model);
        if (entry == null) {
            throw notFound(model, selector);
        }
        return entry;
    }

    private VersionSlot resolve(ModelEntry entry, String model, VersionSelector selector) {
        Long version;
        if (selector instanceof VersionSelector.Number number) {
            version = number.version();
        } else if (selector instanceof VersionSelector.Label label) {
            version = entry.config.labels().get(label.label());
            if (version == null) {
                throw new InferenceException(ErrorCode.INVALID_ARGUMENT,
                        "Unrecognized servable version label: " + label.label());
            }
        } else {
            Long stable = entry.config.labels().get(STABLE_LABEL);
            version = stable != null ? stable : newestAvailable(entry);
            if (version == null) {
                version = entry.slots.descendingMap().values().stream().filter(ModelManager::isLoading)
                        .map(slot -> slot.version).findFirst().orElse(null);
            }
        }
        VersionSlot slot = version == null ? null : entry.slots.get(version);
        if (slot == null) {
            throw notFound(model, selector);
        }
        if (isLoading(slot)) {
            throw new InferenceException(ErrorCode.UNAVAILABLE, "Servable " + selector.describe(model)
                    + " is not ready yet: version " + slot.version + " of model " + model + " is still loading");
        }
        return slot;
    }

    private static boolean isLoading(VersionSlot slot) {
        return slot.state == VersionState.START || slot.state == VersionState.LOADING;
    }

    private static Long newestAvailable(ModelEntry entry) {
        return entry.slots.descendingMap().values().stream()
                .filter(slot -> slot.state == VersionState.AVAILABLE)
                .map(slot -> slot.version).findFirst().orElse(null);
    }

    private static InferenceException notFound(String model, VersionSelector selector) {
        return new InferenceException(ErrorCode.NOT_FOUND,
                "Servable not found for request: " + selector.describe(model));
    }

    private void load(ModelEntry entry, VersionSlot slot) {
        ModelConfig config;
        synchronized (entry) {
            if (slot.unloadRequested) {
                slot.state = VersionState.END;
                return;
            }
            slot.state = VersionState.LOADING;
            config = entry.config;
        }
        long started = System.nanoTime();
        Servable servable = null;
        Exception failure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts() && servable == null && !slot.unloadRequested; attempt++) {
            try {
                servable = loadAndWarm(config, slot);
            } catch (RuntimeException e) {
                failure = e;
                log.warn("Loading {} version {} failed (attempt {}/{}): {}", config.name(), slot.version, attempt,
                        retry.maxAttempts(), e.getMessage());
                if (attempt < retry.maxAttempts()) {
                    pause(retry.delay());
                }
            }
        }
        VersionState outcome;
        synchronized (entry) {
            if (servable != null && slot.unloadRequested) {
                servable.close();
                slot.state = VersionState.END;
            } else if (servable != null) {
                slot.handle = new ServableHandle(servable, () -> {
                    slot.state = VersionState.END;
                    changed();
                });
                slot.state = VersionState.AVAILABLE;
                log.info("Model {} version {} is AVAILABLE (loaded in {} ms)", config.name(), slot.version,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            } else if (slot.unloadRequested) {
                slot.state = VersionState.END;
            } else {
                slot.state = VersionState.ERROR;
                slot.error = failure == null ? "load cancelled" : failure.getMessage();
            }
            outcome = slot.state;
            reconcile(entry);
        }
        if (outcome == VersionState.AVAILABLE || outcome == VersionState.ERROR) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean available = outcome == VersionState.AVAILABLE;
            loadListeners.forEach(listener -> listener.loadFinished(config.name(), slot.version, took, available));
        }
        changed();
    }

    private Servable loadAndWarm(ModelConfig config, VersionSlot slot) {
        Servable servable = decorator.decorate(config, slot.version,
                loader.load(slot.directory, config.sessionOptions()));
        try {
            int requests = warmup.run(config.name(), slot.version, slot.directory, servable);
            if (requests > 0) {
                log.info("Warmed up {} version {} with {} requests", config.name(), slot.version, requests);
            }
            return servable;
        } catch (RuntimeException e) {
            servable.close();
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION, "warmup failed: " + e.getMessage(), e);
        }
    }

    /** Unloads what is no longer aspired, as far as availability allows. Caller holds the entry's lock. */
    private static void reconcile(ModelEntry entry) {
        boolean replacementServes = entry.aspired.stream()
                .map(entry.slots::get).anyMatch(slot -> slot.state == VersionState.AVAILABLE);
        boolean mayUnloadServing = entry.aspired.isEmpty() || replacementServes;
        List<Long> forgotten = new ArrayList<>();
        for (VersionSlot slot : entry.slots.values()) {
            if (entry.aspired.contains(slot.version)) {
                continue;
            }
            switch (slot.state) {
                case START, LOADING -> slot.unloadRequested = true;
                case AVAILABLE -> {
                    if (mayUnloadServing) {
                        slot.state = VersionState.UNLOADING;
                        slot.handle.release();
                    }
                }
                case ERROR -> forgotten.add(slot.version);
                case UNLOADING, END -> { }
            }
        }
        forgotten.forEach(entry.slots::remove);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One model's versions; changed under its own monitor, read by requests without it. */
    private static final class ModelEntry {
        ModelConfig config;
        Set<Long> aspired = new TreeSet<>();
        boolean wasReady;
        final ConcurrentSkipListMap<Long, VersionSlot> slots = new ConcurrentSkipListMap<>();
    }

    /** One version's state; fields written under the entry lock, read by requests without it. */
    private static final class VersionSlot {
        final long version;
        final Path directory;
        volatile VersionState state = VersionState.START;
        volatile String error;
        volatile ServableHandle handle;
        volatile boolean unloadRequested;

        VersionSlot(long version, Path directory) {
            this.version = version;
            this.directory = directory;
        }
    }
}
