package io.verso.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Variants of a TF Serving fixture whose {@code serving_default} signature differs from the original's, built by
 * rewriting {@code saved_model.pb}: what a retrained model with a changed input schema looks like to the registry.
 */
public final class SavedModels {

    private SavedModels() {
    }

    /** The fixture as a .tar.gz, its serving input {@code from} renamed to {@code to}. */
    public static byte[] withServingInputRenamed(String fixture, String from, String to) {
        return withServingSignature(fixture, def -> {
            TensorInfo input = def.getInputsOrThrow(from);
            return def.toBuilder().removeInputs(from).putInputs(to, input).build();
        });
    }

    /** The fixture as a .tar.gz, its serving input {@code name} declared with {@code dtype}. */
    public static byte[] withServingInputType(String fixture, String name, DataType dtype) {
        return withServingSignature(fixture, def -> def.toBuilder()
                .putInputs(name, def.getInputsOrThrow(name).toBuilder().setDtype(dtype).build()).build());
    }

    private static byte[] withServingSignature(String fixture, UnaryOperator<SignatureDef> change) {
        Path dir = Archives.fixture(fixture);
        try {
            SavedModel.Builder model = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")))
                    .toBuilder();
            for (MetaGraphDef.Builder graph : model.getMetaGraphsBuilderList()) {
                SignatureDef serving = graph.getSignatureDefOrThrow("serving_default");
                graph.putSignatureDef("serving_default", change.apply(serving));
            }
            Archives archive = Archives.builder().file("saved_model.pb", model.build().toByteArray());
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("saved_model.pb"))
                        .sorted().forEach(f -> archive.file(dir.relativize(f).toString().replace('\\', '/'),
                                read(f)));
            }
            return archive.tarGz();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
