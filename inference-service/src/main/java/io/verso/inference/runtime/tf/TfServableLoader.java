package io.verso.inference.runtime.tf;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableLoader;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SessionOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * Loads SavedModels with the {@code serve} tag through TensorFlow Java. When TF Java refuses a model because a
 * signature contradicts the graph, the loader repairs the signatures ({@link SignatureRepair}) in a temporary copy
 * of {@code saved_model.pb} that links to the original variables and assets, loads that, and reports the dropped
 * signatures as unavailable: one bad signature should not take a sound graph out of service.
 */
public final class TfServableLoader implements ServableLoader {

    static final String SERVE_TAG = "serve";
    private static final Logger log = LoggerFactory.getLogger(TfServableLoader.class);

    @Override
    public Servable load(Path versionDirectory, SessionOptions options) {
        MetaGraphDef declared = readServeMetaGraph(versionDirectory);
        ConfigProto config = configProto(options);
        try {
            SavedModelBundle bundle = bundle(versionDirectory, config);
            return servable(bundle, declared, Map.of());
        } catch (IllegalArgumentException refused) {
            log.warn("TensorFlow refused the signatures of {} ({}); repairing them", versionDirectory,
                    refused.getMessage());
            return loadRepaired(versionDirectory, declared, config);
        }
    }

    private Servable loadRepaired(Path versionDirectory, MetaGraphDef declared, ConfigProto config) {
        SignatureRepair repair = new SignatureRepair(declared);
        repair.dropped().forEach((key, reason) ->
                log.warn("Skipping signature '{}' of {}: {}", key, versionDirectory, reason));
        Path copy = repairedCopy(versionDirectory, repair.repaired());
        try {
            return servable(bundle(copy, config), repair.repaired(), repair.dropped());
        } catch (IllegalArgumentException stillRefused) {
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION,
                    "SavedModel " + versionDirectory + " cannot be loaded: " + stillRefused.getMessage(), stillRefused);
        } finally {
            deleteRecursively(copy);
        }
    }

    private static SavedModelBundle bundle(Path directory, ConfigProto config) {
        try {
            return SavedModelBundle.loader(directory.toString()).withTags(SERVE_TAG).withConfigProto(config).load();
        } catch (TensorFlowException e) {
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION,
                    "SavedModel " + directory + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static Servable servable(SavedModelBundle bundle, MetaGraphDef metaGraph, Map<String, String> dropped) {
        SignatureReader reader = new SignatureReader(metaGraph);
        Map<String, String> unavailable = new HashMap<>(reader.unavailable());
        unavailable.putAll(dropped);
        return new TfServable(bundle, new ServableMetadata(reader.signatures(), unavailable));
    }

    static MetaGraphDef readServeMetaGraph(Path versionDirectory) {
        Path pb = versionDirectory.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION, "no saved_model.pb in " + versionDirectory);
        }
        SavedModel savedModel;
        try (InputStream in = Files.newInputStream(pb)) {
            savedModel = SavedModel.parseFrom(in);
        } catch (IOException e) {
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION, "unreadable " + pb + ": " + e.getMessage(), e);
        }
        return savedModel.getMetaGraphsList().stream()
                .filter(mg -> mg.getMetaInfoDef().getTagsList().contains(SERVE_TAG))
                .findFirst()
                .orElseThrow(() -> new InferenceException(ErrorCode.FAILED_PRECONDITION,
                        pb + " has no MetaGraph tagged '" + SERVE_TAG + "'"));
    }

    static ConfigProto configProto(SessionOptions options) {
        GPUOptions.Builder gpu = GPUOptions.newBuilder()
                .setAllowGrowth(options.gpuAllowGrowth())
                .setPerProcessGpuMemoryFraction(options.gpuMemoryFraction())
                .setVisibleDeviceList(options.visibleDevices());
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(options.intraOpThreads())
                .setInterOpParallelismThreads(options.interOpThreads())
                .setAllowSoftPlacement(options.allowSoftPlacement())
                .setGpuOptions(gpu)
                .build();
    }

    /**
     * A directory holding only the repaired {@code saved_model.pb} and links to everything else of the original
     * except {@code fingerprint.pb}, which describes the unrepaired graph.
     */
    private static Path repairedCopy(Path original, MetaGraphDef repaired) {
        try {
            Path copy = Files.createTempDirectory("verso-repaired-");
            SavedModel model = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(repaired).build();
            Files.write(copy.resolve("saved_model.pb"), model.toByteArray());
            try (Stream<Path> entries = Files.list(original)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    if (!name.equals("saved_model.pb") && !name.equals("fingerprint.pb")) {
                        Files.createSymbolicLink(copy.resolve(name), entry.toAbsolutePath());
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the repaired SavedModel of " + original, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", directory, e.getMessage());
        }
    }
}
