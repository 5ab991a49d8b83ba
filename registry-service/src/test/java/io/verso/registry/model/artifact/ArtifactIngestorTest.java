package io.verso.registry.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.artifact.ArchiveDigest;
import io.verso.artifact.ArchiveFormat;
import io.verso.registry.error.RegistryException;
import io.verso.registry.testsupport.Archives;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store, checks and clean-up together, on a real directory: a refused archive leaves no file behind. */
class ArtifactIngestorTest {

    @TempDir
    Path root;

    FileSystemArtifactStore store;
    ArtifactIngestor ingestor;
    /** The ingestor's marks by id; the database's implementation is exercised by ArchiveCollectionIT. */
    final Map<UUID, String> marks = new ConcurrentHashMap<>();
    final PendingArchives pending = new PendingArchives() {
        @Override
        public UUID mark(String key) {
            UUID id = UUID.randomUUID();
            marks.put(id, key);
            return id;
        }

        @Override
        public void resolve(UUID mark) {
            marks.remove(mark);
        }
    };

    @BeforeEach
    void setUp() {
        store = new FileSystemArtifactStore(root);
        ingestor = new ArtifactIngestor(store, new ArchiveInspector(10_000_000, 1000, 1_000_000), pending, 200_000);
    }

    @Test
    void storesContentAddressedAndOnlyOnce() throws IOException {
        byte[] archive = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        String sha = ArchiveDigest.of(archive);

        IngestedArtifact first = ingestor.ingest(new ByteArrayInputStream(archive), sha.toUpperCase(), "X-Content-SHA256");
        IngestedArtifact second = ingestor.ingest(new ByteArrayInputStream(archive), null, "X-Content-SHA256");

        assertThat(first.key()).isEqualTo("sha256/" + sha.substring(0, 2) + "/" + sha + ".tar.gz")
                .isEqualTo(second.key());
        assertThat(first.sha256()).isEqualTo(sha);
        assertThat(first.sizeBytes()).isEqualTo(archive.length);
        assertThat(first.format()).isEqualTo(ArchiveFormat.TAR_GZ);
        assertThat(Files.readAllBytes(store.open(first.key()).orElseThrow().getFile().toPath())).isEqualTo(archive);
        assertThat(files()).containsExactly(root.resolve(first.key()));
        assertThat(marks).as("each stored upload is marked for its version, refused ones never")
                .containsOnlyKeys(first.pending(), second.pending()).containsValues(first.key());
    }

    @Test
    void refusesAShaMismatchAndKeepsNothing() {
        byte[] archive = Archives.zip(Archives.fixture("saved_model_half_plus_two_cpu"));
        String wrong = "0".repeat(64);

        assertThatThrownBy(() -> ingestor.ingest(new ByteArrayInputStream(archive), wrong, "X-Content-SHA256"))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessage("the archive's SHA-256 is " + ArchiveDigest.of(archive) + ", but X-Content-SHA256 says "
                        + wrong + "; the upload was corrupted or is another file")
                .extracting(e -> ((RegistryException) e).field()).isEqualTo("X-Content-SHA256");
        assertThat(files()).isEmpty();
        assertThat(marks).isEmpty();
    }

    @Test
    void refusesAMalformedSha() {
        assertThatThrownBy(() -> ingestor.ingest(new ByteArrayInputStream(new byte[1]), "abc", "sha256"))
                .hasMessage("sha256 must be 64 hexadecimal digits, but was 'abc'");
    }

    @Test
    void refusesOversizedUploadsWhileReadingAndKeepsNothing() {
        byte[] big = new byte[300_000];

        assertThatThrownBy(() -> ingestor.ingest(new ByteArrayInputStream(big), null, "X-Content-SHA256"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("file exceeds the upload size limit of 200000 bytes (verso.registry.max-upload-size)")
                .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TOO_LARGE);
        assertThat(files()).isEmpty();
        assertThat(marks).isEmpty();
    }

    @Test
    void refusesHostileArchivesAndKeepsNothing() {
        byte[] archive = Archives.builder().file("saved_model.pb", Archives.savedModelPb()).file("../evil", "x").tarGz();

        assertThatThrownBy(() -> ingestor.ingest(new ByteArrayInputStream(archive), null, "X-Content-SHA256"))
                .hasMessageContaining("escapes the archive root");
        assertThat(files()).isEmpty();
        assertThat(marks).isEmpty();
        assertThat(root.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void refusesWhatIsNotAnArchive() {
        assertThatThrownBy(() -> ingestor.ingest(new ByteArrayInputStream("hello".getBytes()), null, "x"))
                .hasMessage("file is neither a gzip-compressed tar (.tar.gz) nor a zip archive");
        assertThatThrownBy(() -> ingestor.ingest(new ByteArrayInputStream(new byte[0]), null, "x"))
                .hasMessage("file is empty");
        assertThat(files()).isEmpty();
        assertThat(marks).isEmpty();
    }

    @Test
    void opensOnlyWellFormedKeys() {
        assertThat(store.open("../../etc/passwd")).isEmpty();
        assertThat(store.open("sha256/00/" + "0".repeat(64) + ".zip")).isEmpty();
    }

    /** Every regular file under the root, the staging area included. */
    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
