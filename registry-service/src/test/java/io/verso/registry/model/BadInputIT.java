package io.verso.registry.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.artifact.ArchiveDigest;
import io.verso.registry.testsupport.Archives;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refused request answers a problem detail naming the field at fault, and leaves the database and the
 * artifact directory exactly as they were.
 */
class BadInputIT extends RegistryHttpTest {

    private String model;
    private String deployment;

    @BeforeEach
    void modelWithAStableVersion() {
        model = newModel();
        long v1 = uploadHalfPlusTwo(model);
        uploadHalfPlusTwo(model);
        deployment = "/api/v1/models/" + model + "/deployment";
        assertThat(post(token("deployer"), deployment + "/promote", "{\"version\":" + v1 + "}").status()).isEqualTo(200);
    }

    @Test
    void unknownModel() {
        assertRefused(() -> get(token("viewer"), "/api/v1/models/no-such-model"), 404, "model",
                "model 'no-such-model' does not exist");
        assertRefused(() -> post(token("deployer"), "/api/v1/models/no-such-model/deployment/canary",
                "{\"version\":1,\"weight\":10}"), 404, "model", "model 'no-such-model' does not exist");
        assertRefused(() -> upload(token("deployer"), "no-such-model", valid(), "m.tar.gz", null, null), 404, "model",
                "model 'no-such-model' does not exist");
    }

    @Test
    void unknownVersion() {
        assertRefused(() -> post(token("deployer"), deployment + "/promote", "{\"version\":99}"), 404, "version",
                "model '" + model + "' has no version 99");
        assertRefused(() -> post(token("deployer"), deployment + "/canary", "{\"version\":99,\"weight\":10}"), 404,
                "version", "model '" + model + "' has no version 99");
        assertRefused(() -> get(token("viewer"), "/api/v1/models/" + model + "/versions/99"), 404, "version",
                "model '" + model + "' has no version 99");
        assertRefused(() -> get(token("viewer"), "/api/v1/models/" + model + "/versions/abc"), 400, "version",
                "version must be a long, but was 'abc'");
    }

    @Test
    void weightOutOfRange() {
        assertRefused(() -> post(token("deployer"), deployment + "/canary", "{\"version\":2,\"weight\":150}"), 400,
                "weight", "weight must be between 0 and 100, but was 150");
        assertRefused(() -> post(token("deployer"), deployment + "/weight", "{\"weight\":-5}"), 400, "weight",
                "weight must be between 0 and 100, but was -5");
        assertRefused(() -> post(token("deployer"), deployment + "/canary", "{\"version\":2}"), 400, "weight",
                "weight is required, but was null");
    }

    @Test
    void archiveEscapingItsRoot() {
        byte[] evil = Archives.builder().file("saved_model.pb", Archives.savedModelPb()).file("../evil", "x").tarGz();
        byte[] absolute = Archives.builder().file("saved_model.pb", Archives.savedModelPb()).file("/tmp/evil", "x").zip();
        byte[] symlink = Archives.builder().file("saved_model.pb", Archives.savedModelPb())
                .symlink("variables", "/etc").tarGz();

        assertRefused(() -> upload(token("deployer"), model, evil, "evil.tar.gz", null, null), 400, "file",
                "archive entry '../evil' escapes the archive root ('..')");
        assertRefused(() -> upload(token("deployer"), model, absolute, "evil.zip", null, null), 400, "file",
                "archive entry '/tmp/evil' is an absolute path; entries must be relative to the archive root");
        assertRefused(() -> upload(token("deployer"), model, symlink, "evil.tar.gz", null, null), 400, "file",
                "archive entry 'variables' is a symbolic link to '/etc'; a SavedModel archive may hold only files and directories");
        assertThat(ARTIFACTS.getParent().resolve("evil")).doesNotExist();
        assertThat(Path.of("/tmp/evil")).doesNotExist();
    }

    @Test
    void archiveWithoutSavedModel() {
        byte[] archive = Archives.builder().file("variables/variables.index", "x").file("assets/foo.txt", "y").tarGz();

        assertRefused(() -> upload(token("deployer"), model, archive, "m.tar.gz", null, null), 400, "file",
                "the archive has no saved_model.pb at its root or in its top-level directory");
    }

    @Test
    void shaMismatch() {
        byte[] archive = valid();
        String wrong = ArchiveDigest.of("something else".getBytes());

        assertRefused(() -> upload(token("deployer"), model, archive, "m.tar.gz", wrong, null), 400,
                "X-Content-SHA256", "the archive's SHA-256 is " + ArchiveDigest.of(archive) + ", but X-Content-SHA256 says "
                        + wrong + "; the upload was corrupted or is another file");
    }

    @Test
    void oversizedUpload() {
        byte[] big = new byte[300 * 1024];
        ThreadLocalRandom.current().nextBytes(big);

        assertRefused(() -> upload(token("deployer"), model, big, "big.tar.gz", null, null), 413, "file",
                "file exceeds the upload size limit");
    }

    @Test
    void malformedJson() {
        assertRefused(() -> post(token("deployer"), "/api/v1/models", "{\"name\": "), 400, null,
                "malformed JSON request body");
        assertRefused(() -> post(token("deployer"), deployment + "/canary", "{\"version\":\"two\",\"weight\":1}"), 400,
                "version", "malformed JSON request body at 'version'");
        assertRefused(() -> upload(token("deployer"), model, valid(), "m.tar.gz", null, "{\"metrics\":{\"auc\":\"high\"}}"),
                400, "metrics.auc", "malformed JSON request body at 'metrics.auc'");
    }

    @Test
    void invalidTrainingMetadata() {
        String longDataset = "{\"dataset\": \"" + "s".repeat(2001) + "\"}";
        assertRefused(() -> upload(token("deployer"), model, valid(), "m.tar.gz", null, longDataset), 400, "dataset",
                "dataset must be at most 2000 characters");
        String badHistogram = "{\"features\": {\"x\": {\"histogram\": {\"boundaries\": [2, 1],"
                + " \"fractions\": [0.2, 0.3, 0.5]}}}}";
        assertRefused(() -> upload(token("deployer"), model, valid(), "m.tar.gz", null, badHistogram), 400,
                "features.x.histogram", "malformed JSON request body at 'features.x.histogram':"
                        + " histogram.boundaries must be finite and strictly ascending");
    }

    @Test
    void invalidModelRequests() {
        assertRefused(() -> post(token("deployer"), "/api/v1/models", "{\"description\":\"no name\"}"), 400, "name",
                "name is required, but was null");
        assertRefused(() -> post(token("deployer"), "/api/v1/models", "{\"name\":\"has space\"}"), 400, "name",
                "name must start with a letter or digit");
        assertRefused(() -> post(token("deployer"), "/api/v1/models", "{\"name\":\"" + model + "\"}"), 409, "name",
                "model '" + model + "' already exists");
        assertRefused(() -> get(token("viewer"), "/api/v1/models?size=1000"), 400, "size",
                "size must be between 1 and 200, but was 1000");
    }

    /** The request fails as described and changes nothing: rows, deployment revisions and stored files. */
    private void assertRefused(Supplier<Reply> request, int status, String field, String detail) {
        Map<String, Object> before = snapshot();
        List<Path> filesBefore = storedFiles();

        Reply reply = request.get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.headers().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(reply.at("/detail")).startsWith(detail);
        assertThat(reply.at("/status")).isEqualTo(Integer.toString(status));
        if (field == null) {
            assertThat(reply.json().has("field")).isFalse();
        } else {
            assertThat(reply.at("/field")).isEqualTo(field);
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    private Map<String, Object> snapshot() {
        return jdbc.queryForMap("select (select count(*) from model) as models, "
                + "(select count(*) from model_version) as versions, "
                + "(select count(*) from deployment_event) as events, "
                + "(select coalesce(sum(revision), 0) from deployment) as revisions, "
                + "(select coalesce(sum(last_version), 0) from model) as numbers");
    }

    private static byte[] valid() {
        return Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
    }
}
