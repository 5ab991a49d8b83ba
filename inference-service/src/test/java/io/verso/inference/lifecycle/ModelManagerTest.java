package io.verso.inference.lifecycle;

import io.verso.inference.model.VersionSelector;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.lifecycle.source.FileSystemModelSource;
import io.verso.inference.lifecycle.source.JsonWarmup;
import io.verso.inference.model.DataType;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.TensorValue;
import io.verso.inference.runtime.tf.TfServableLoader;
import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager over real SavedModels: TF Serving's two-version fixture in a temporary base path that the tests
 * change, scanned by the filesystem source. Loads run when the test drains the executor, so every intermediate
 * state can be observed without waiting.
 */
class ModelManagerTest {

    private static final String MODEL = "half_plus_two";
    private static final Map<String, Long> LABELS = Map.of("stable", 123L, "canary", 124L);

    @TempDir
    Path base;

    private final ManualExecutor loads = new ManualExecutor();
    private ModelManager manager;

    @BeforeEach
    void copyTheFixture() throws IOException {
        Files.delete(base);
        TestFiles.copyTree(Fixtures.model("saved_model_half_plus_two_2_versions"), base);
        manager = new ModelManager(new TfServableLoader(), loads, Warmup.NONE, ServableDecorator.NONE,
                new ModelManager.LoadRetry(1, Duration.ZERO));
    }

    @AfterEach
    void unloadEverything() {
        manager.close();
    }

    @Test
    void servesBothVersionsByNumberLabelAndDefault() {
        scan(VersionPolicy.all());
        assertThat(states()).containsExactly(Map.entry(124L, VersionState.START), Map.entry(123L, VersionState.START));

        loads.runAll();

        assertThat(states()).containsExactly(Map.entry(124L, VersionState.AVAILABLE),
                Map.entry(123L, VersionState.AVAILABLE));
        assertThat(servedVersion(VersionSelector.of(123L, null))).isEqualTo(123);
        assertThat(servedVersion(VersionSelector.of(null, "canary"))).isEqualTo(124);
        // Without a version a request goes to the stable label, not to the newest version.
        assertThat(servedVersion(VersionSelector.DEFAULT)).isEqualTo(123);
        try (ServableLease lease = manager.acquire(MODEL, VersionSelector.of(124L, null))) {
            assertThat(halfPlusTwo(lease.servable())).containsExactly(2.5f, 3.0f, 4.5f);
        }
        assertThat(manager.labels(MODEL)).isEqualTo(LABELS);
    }

    @Test
    void aVersionRemovedFromDiskDrainsItsLeasesBeforeItUnloads() throws IOException {
        scan(VersionPolicy.all());
        loads.runAll();
        ServableLease held = manager.acquire(MODEL, VersionSelector.of(124L, null));

        TestFiles.deleteTree(base.resolve("00000124"));
        scan(VersionPolicy.all());

        assertThat(states()).contains(Map.entry(124L, VersionState.UNLOADING));
        assertThat(manager.holds(MODEL, 124)).as("unloading: its monitoring state may go").isFalse();
        assertThat(manager.holds(MODEL, 123)).isTrue();
        assertThat(manager.holds("no-such-model", 123)).isFalse();
        assertThatThrownBy(() -> manager.acquire(MODEL, VersionSelector.of(124L, null)))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("Servable not found for request: Specific(half_plus_two, 124)");
        // The request that leased 124 before the unload still runs on it: its graph stays in memory.
        assertThat(halfPlusTwo(held.servable())).containsExactly(2.5f, 3.0f, 4.5f);

        held.close();

        assertThat(states()).containsExactly(Map.entry(124L, VersionState.END),
                Map.entry(123L, VersionState.AVAILABLE));
        assertThat(servedVersion(VersionSelector.DEFAULT)).isEqualTo(123);
    }

    @Test
    void aBrokenNewVersionGoesErrorWithoutDisturbingTheServingOne() throws IOException {
        // No labels: the default request follows the newest available version, as in TF Serving.
        scan(VersionPolicy.latest(1), Map.of());
        loads.runAll();
        assertThat(servedVersion(VersionSelector.DEFAULT)).isEqualTo(124);

        Path broken = Files.createDirectories(base.resolve("00000125"));
        Files.writeString(broken.resolve("saved_model.pb"), "not a SavedModel");
        scan(VersionPolicy.latest(1), Map.of());
        loads.runAll();

        VersionStatus failed = manager.status(MODEL).get(0);
        assertThat(failed.version()).isEqualTo(125);
        assertThat(failed.state()).isEqualTo(VersionState.ERROR);
        assertThat(failed.error()).contains(broken.resolve("saved_model.pb").toString());
        // 124 is no longer aspired, but nothing replaced it, so it keeps serving.
        assertThat(states()).contains(Map.entry(124L, VersionState.AVAILABLE));
        assertThat(servedVersion(VersionSelector.DEFAULT)).isEqualTo(124);
    }

    @Test
    void aFailingWarmupFailsTheLoad() throws IOException {
        Path warmupFile = base.resolve("00000124").resolve("assets.extra/verso_warmup.json");
        Files.createDirectories(warmupFile.getParent());
        Files.writeString(warmupFile, "[{\"inputs\": {\"x\": {\"datatype\": \"INT64\", \"shape\": [1], \"data\": [1]}}}]");
        manager = new ModelManager(new TfServableLoader(), loads, new JsonWarmup(), ServableDecorator.NONE,
                new ModelManager.LoadRetry(1, Duration.ZERO));

        scan(VersionPolicy.all());
        loads.runAll();

        assertThat(states()).containsExactly(Map.entry(124L, VersionState.ERROR),
                Map.entry(123L, VersionState.AVAILABLE));
        assertThat(manager.status(MODEL).get(0).error()).startsWith("warmup failed: ")
                .contains("verso_warmup.json").contains("expects DT_FLOAT");
    }

    @Test
    void readyOnceEveryAspiredVersionFinishedLoadingAndEachModelServesOne() throws IOException {
        assertThat(manager.isReady()).as("no models, nothing to wait for").isTrue();

        scan(VersionPolicy.all());
        assertThat(manager.isReady()).as("versions still loading").isFalse();

        loads.runAll();
        assertThat(manager.isReady()).as("both versions available").isTrue();

        Path broken = Files.createDirectories(base.resolve("00000125"));
        Files.writeString(broken.resolve("saved_model.pb"), "not a SavedModel");
        scan(VersionPolicy.all());
        loads.runAll();
        assertThat(manager.isReady()).as("one version failed, others serve").isTrue();

        TestFiles.copyTree(base.resolve("00000123"), base.resolve("00000126"));
        scan(VersionPolicy.all());
        assertThat(manager.isReady()).as("a new version loading beside the serving ones").isTrue();
        loads.runAll();

        Path onlyBroken = Files.createDirectories(base.resolveSibling(base.getFileName() + "-broken"));
        try {
            TestFiles.copyTree(broken, onlyBroken.resolve("1"));
            new FileSystemModelSource(List.of(new ModelConfig("broken", onlyBroken, null, null, null)),
                    Duration.ZERO).start(manager);
            loads.runAll();
            assertThat(manager.isReady()).as("a model with nothing to serve").isFalse();
        } finally {
            TestFiles.deleteTree(onlyBroken);
        }
    }

    @Test
    void aVersionUnAspiredWhileItLoadsIsClosedNotLeaked() {
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        TfServableLoader real = new TfServableLoader();
        ModelConfig config = new ModelConfig(MODEL, base, VersionPolicy.all(), Map.of(), null);
        // The desired state changes while the load runs: the loader withdraws its own version before returning.
        manager = new ModelManager((directory, options) -> {
            manager.setAspiredVersions(config, Map.of());
            Servable servable = real.load(directory, options);
            open.incrementAndGet();
            return new Servable() {
                @Override
                public io.verso.inference.model.ServableMetadata metadata() {
                    return servable.metadata();
                }

                @Override
                public Map<String, TensorValue> run(io.verso.inference.model.SignatureSpec signature,
                                                    Map<String, TensorValue> inputs, Set<String> keys) {
                    return servable.run(signature, inputs, keys);
                }

                @Override
                public void close() {
                    open.decrementAndGet();
                    servable.close();
                }
            };
        }, loads, Warmup.NONE, ServableDecorator.NONE, new ModelManager.LoadRetry(1, Duration.ZERO));

        manager.setAspiredVersions(config, Map.of(123L, base.resolve("00000123")));
        loads.runAll();

        assertThat(open).as("the loaded servable was closed, its native memory released").hasValue(0);
        assertThat(states()).containsExactly(Map.entry(123L, VersionState.END));
        assertThatThrownBy(() -> manager.acquire(MODEL, VersionSelector.DEFAULT))
                .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private void scan(VersionPolicy policy) {
        scan(policy, LABELS);
    }

    private void scan(VersionPolicy policy, Map<String, Long> labels) {
        try (FileSystemModelSource source = new FileSystemModelSource(
                List.of(new ModelConfig(MODEL, base, policy, labels, null)), Duration.ZERO)) {
            source.start(manager);
        }
    }

    private long servedVersion(VersionSelector selector) {
        try (ServableLease lease = manager.acquire(MODEL, selector)) {
            return lease.version();
        }
    }

    /** Versions newest first, as the status API lists them. */
    private List<Map.Entry<Long, VersionState>> states() {
        return manager.status(MODEL).stream().map(s -> Map.entry(s.version(), s.state())).toList();
    }

    private static float[] halfPlusTwo(Servable servable) {
        TensorValue x = TensorValue.of(DataType.FP32, new long[] {3, 1}, new float[] {1, 2, 5});
        return servable.run(servable.metadata().signature(null), Map.of("x", x), Set.of()).get("y").floats();
    }

    /** Holds loads until the test runs them, on its own thread. */
    private static final class ManualExecutor implements Executor {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }
}
