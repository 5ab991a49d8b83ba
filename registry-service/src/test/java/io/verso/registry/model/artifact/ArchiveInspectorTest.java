package io.verso.registry.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.artifact.ArchiveFormat;
import io.verso.registry.error.RegistryException;
import io.verso.registry.testsupport.Archives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Archive checks and signature reading on the TF Serving fixtures and on hostile archives, both formats. */
class ArchiveInspectorTest {

    private static final ArchiveInspector INSPECTOR = new ArchiveInspector(10_000_000, 1000, 1_000_000);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void readsTheSignaturesOfHalfPlusTwo(ArchiveFormat format) throws IOException {
        ArchiveContents contents = inspect(Archives.builder()
                .tree(Archives.fixture("saved_model_half_plus_two_cpu"), ""), format);

        assertThat(contents.savedModelDir()).isEmpty();
        assertThat(contents.signatures()).extracting(SignatureInfo::name).containsExactly(
                "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default");
        SignatureInfo serving = signature(contents, "serving_default");
        assertThat(serving.method()).isEqualTo("tensorflow/serving/predict");
        assertThat(serving.inputs()).containsExactly(Map.entry("x", new TensorSpec("x:0", "DT_FLOAT", List.of(-1L, 1L))));
        assertThat(serving.outputs()).containsExactly(Map.entry("y", new TensorSpec("y:0", "DT_FLOAT", List.of(-1L, 1L))));
        // tf_example:0 has an unknown rank in this model (see the fixtures' README).
        assertThat(signature(contents, "regress_x_to_y").inputs().get("inputs"))
                .isEqualTo(new TensorSpec("tf_example:0", "DT_STRING", null));
        assertThat(signature(contents, "classify_x_to_y").method()).isEqualTo("tensorflow/serving/classify");
    }

    @Test
    void skipsTheTf2InitializerAndReadsFixedShapes() throws IOException {
        ArchiveContents contents = inspect(Archives.builder()
                .tree(Archives.fixture("saved_model_half_plus_two_tf2_cpu"), ""), ArchiveFormat.TAR_GZ);

        assertThat(contents.signatures()).extracting(SignatureInfo::name).containsExactly("classify_x2_to_y3",
                "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default");
        assertThat(signature(contents, "serving_default").inputs().get("x"))
                .isEqualTo(new TensorSpec("serving_default_x:0", "DT_FLOAT", List.of(1L)));
        assertThat(signature(contents, "regress_x_to_y").inputs().get("inputs"))
                .isEqualTo(new TensorSpec("regress_x_to_y_inputs:0", "DT_STRING", List.of(-1L)));
    }

    @Test
    void readsSignaturesWithoutShapesAndReferenceDtypes() throws IOException {
        ArchiveContents counter = inspect(Archives.builder()
                .tree(Archives.fixture("saved_model_counter"), ""), ArchiveFormat.ZIP);
        ArchiveContents halfPlusThree = inspect(Archives.builder()
                .tree(Archives.fixture("saved_model_half_plus_three"), ""), ArchiveFormat.TAR_GZ);

        assertThat(counter.signatures()).extracting(SignatureInfo::name)
                .containsExactly("get_counter", "incr_counter", "incr_counter_by", "reset_counter");
        assertThat(signature(counter, "incr_counter_by").inputs().get("delta"))
                .isEqualTo(new TensorSpec("delta:0", "DT_FLOAT", null));
        assertThat(signature(counter, "get_counter").outputs().get("output").dtype()).isEqualTo("DT_FLOAT_REF");
        // Stored as declared, the malformed DT_FLOAT of this fixture included: the registry reports, pods judge.
        assertThat(signature(halfPlusThree, "tensorflow/serving/regress").inputs().get("inputs"))
                .isEqualTo(new TensorSpec("tf_example:0", "DT_FLOAT", null));
    }

    /** TF Serving's layout: the version folder is the archive's single top-level directory. */
    @Test
    void findsTheSavedModelInTheTopLevelDirectory() throws IOException {
        ArchiveContents contents = inspect(Archives.builder()
                .tree(Archives.fixture("saved_model_half_plus_two_mlmd"), "00000123/"), ArchiveFormat.TAR_GZ);

        assertThat(contents.savedModelDir()).isEqualTo("00000123");
        assertThat(contents.signatures()).hasSize(5);
        assertThat(contents.entries()).isEqualTo(5);
    }

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                Arguments.of("parent escape", valid().file("../evil", "x"), "archive entry '../evil' escapes the archive root"),
                Arguments.of("nested escape", valid().file("variables/../../evil", "x"), "escapes the archive root"),
                Arguments.of("absolute path", valid().file("/etc/cron.d/evil", "x"), "is an absolute path"),
                Arguments.of("windows path", valid().file("C:\\evil", "x"), "is an absolute path"),
                Arguments.of("no saved_model.pb", Archives.builder().file("variables/variables.index", "x"),
                        "the archive has no saved_model.pb at its root or in its top-level directory"),
                Arguments.of("saved_model.pb too deep", Archives.builder().file("a/b/saved_model.pb",
                        Archives.savedModelPb()), "has no saved_model.pb"),
                Arguments.of("two SavedModels", Archives.builder().file("1/saved_model.pb", Archives.savedModelPb())
                        .file("2/saved_model.pb", Archives.savedModelPb()), "holds several SavedModels [1, 2]"),
                Arguments.of("not a SavedModel", Archives.builder().file("saved_model.pb", "not a protobuf"),
                        "saved_model.pb is not a SavedModel protobuf"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("formatsAndHostileArchives")
    void refusesHostileArchives(String name, ArchiveFormat format, Archives archive, String message) {
        assertThatThrownBy(() -> inspect(archive, format))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((RegistryException) e).field()).isEqualTo("file");
    }

    static Stream<Arguments> formatsAndHostileArchives() {
        return hostileArchives().flatMap(a -> Stream.of(ArchiveFormat.values()).map(f -> Arguments.of(
                a.get()[0], f, a.get()[1], a.get()[2])));
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void refusesSymbolicLinks(ArchiveFormat format) {
        assertThatThrownBy(() -> inspect(valid().symlink("variables/link", "/etc/passwd"), format))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("archive entry 'variables/link' is a symbolic link");
    }

    @Test
    void refusesHardLinks() {
        assertThatThrownBy(() -> inspect(valid().hardLink("copy", "/etc/shadow"), ArchiveFormat.TAR_GZ))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("archive entry 'copy' is a hard link to '/etc/shadow'");
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void refusesArchivesThatExpandBeyondTheLimit(ArchiveFormat format) {
        ArchiveInspector small = new ArchiveInspector(20_000, 1000, 1_000_000);
        Path file = write(valid().file("variables/variables.data-00000-of-00001", new byte[30_000]), format);

        assertThatThrownBy(() -> small.inspect(file, format))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("the archive expands to more than 20000 bytes")
                .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TOO_LARGE);
    }

    /**
     * Issue 20: saved_model.pb is parsed in memory, so it has its own limit far below the archive's. A graph over
     * it is refused with 413 before it is parsed, in both formats, though the archive is well within its limits.
     */
    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void refusesASavedModelPbOverItsOwnLimit(ArchiveFormat format) {
        ArchiveInspector pbLimited = new ArchiveInspector(10_000_000, 1000, 64);
        Path file = write(valid(), format);

        assertThatThrownBy(() -> pbLimited.inspect(file, format))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("saved_model.pb' is larger than 64 bytes (verso.registry.max-saved-model-size)")
                .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TOO_LARGE);
    }

    @Test
    void refusesTooManyEntries() {
        ArchiveInspector few = new ArchiveInspector(10_000_000, 3, 1_000_000);
        Archives archive = valid().file("a", "1").file("b", "2").file("c", "3");

        assertThatThrownBy(() -> few.inspect(write(archive, ArchiveFormat.ZIP), ArchiveFormat.ZIP))
                .hasMessageContaining("the archive has more than 3 entries");
    }

    @Test
    void refusesACorruptArchive() throws IOException {
        byte[] archive = valid().tarGz();
        Path truncated = Files.write(dir.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(archive, archive.length / 2));

        assertThatThrownBy(() -> INSPECTOR.inspect(truncated, ArchiveFormat.TAR_GZ))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageStartingWith("file is not a readable tar.gz archive");
    }

    @Test
    void entryNamesAreNormalised() {
        assertThat(ArchiveInspector.checkedName("./variables//variables.index")).isEqualTo("variables/variables.index");
        assertThat(ArchiveInspector.checkedName("./")).isEmpty();
        assertThat(ArchiveInspector.checkedName("a\\b")).isEqualTo("a/b");
    }

    /** The registry reads TensorFlow's protos from the classifier-less jar, which must bring no native loader. */
    @Test
    void readsSignaturesWithoutAnyNativeLibraryOnTheClasspath() throws IOException {
        inspect(valid(), ArchiveFormat.TAR_GZ);

        assertThatThrownBy(() -> Class.forName("org.bytedeco.javacpp.Loader"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(getClass().getClassLoader().getResource("org/tensorflow/internal/c_api/linux-x86_64")).isNull();
    }

    private static Archives valid() {
        return Archives.builder().file("saved_model.pb", Archives.savedModelPb()).directory("variables");
    }

    private ArchiveContents inspect(Archives archive, ArchiveFormat format) throws IOException {
        return INSPECTOR.inspect(write(archive, format), format);
    }

    private Path write(Archives archive, ArchiveFormat format) {
        Function<Archives, byte[]> writer = format == ArchiveFormat.ZIP ? Archives::zip : Archives::tarGz;
        try {
            return Files.write(Files.createTempFile(dir, "archive", "." + format.extension()), writer.apply(archive));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SignatureInfo signature(ArchiveContents contents, String name) {
        return contents.signatures().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
