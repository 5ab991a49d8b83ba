package io.verso.registry.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.verso.artifact.ArchiveDigest;
import io.verso.registry.testsupport.Archives;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * TensorFlow Serving's own SavedModels register over HTTP, their signatures come back as {@code saved_model.pb}
 * declares them, and pods can download the archives with ETag and Range.
 */
class TfServingFixturesIT extends RegistryHttpTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("saved_model_counter", "00000123", "zip",
                        List.of("get_counter", "incr_counter", "incr_counter_by", "reset_counter")),
                Arguments.of("saved_model_half_plus_three", "00000123", "tar.gz",
                        List.of("serving_default", "tensorflow/serving/regress")),
                Arguments.of("saved_model_half_plus_two_2_versions", "00000123", "tar.gz", List.of("classify_x2_to_y3",
                        "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_2_versions", "00000124", "zip", List.of("classify_x2_to_y3",
                        "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_cpu", "00000123", "zip", List.of("classify_x_to_y",
                        "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_cpu_with_empty_saved_model_config", "00000123", "tar.gz",
                        List.of("classify_x2_to_y3", "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y",
                                "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_cpu_with_saved_model_config", "00000123", "zip",
                        List.of("classify_x2_to_y3", "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y",
                                "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_mkl", "00000123", "tar.gz", List.of("classify_x_to_y",
                        "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_mlmd", "00000123", "zip", List.of("classify_x_to_y",
                        "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default")),
                Arguments.of("saved_model_half_plus_two_tf2_cpu", "00000123", "tar.gz", List.of("classify_x2_to_y3",
                        "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y", "regress_x_to_y2", "serving_default")));
    }

    @ParameterizedTest(name = "{0}/{1} as {2}")
    @MethodSource("fixtures")
    void registersTheFixtureWithItsSignatures(String fixture, String version, String format, List<String> signatures) {
        String model = newModel();
        // TF Serving's layout: the version folder inside the archive.
        byte[] archive = format.equals("zip")
                ? Archives.builder().tree(Archives.fixture(fixture, version), version + "/").zip()
                : Archives.builder().tree(Archives.fixture(fixture, version), version + "/").tarGz();
        String metadata = "{\"dataset\":\"gs://data/" + fixture + "\",\"metrics\":{\"auc\":0.91},"
                + "\"features\":{\"x\":{\"count\":3,\"mean\":2.67,\"min\":1.0,\"max\":5.0,"
                + "\"histogram\":{\"boundaries\":[2.0,4.0],\"fractions\":[0.25,0.5,0.25]}}}}";

        Reply created = upload(token("deployer"), model, archive, "m." + format, ArchiveDigest.of(archive), metadata);
        Reply read = get(token("viewer"), "/api/v1/models/" + model + "/versions/1");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.headers().getLocation()).hasToString("/api/v1/models/" + model + "/versions/1");
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        assertThat(created.json().get("status").asString()).isEqualTo("READY");
        assertThat(created.json().get("sha256").asString()).isEqualTo(ArchiveDigest.of(archive));
        assertThat(created.json().get("format").asString()).isEqualTo(format.equals("zip") ? "ZIP" : "TAR_GZ");
        assertThat(created.json().get("createdBy").asString()).isEqualTo("it-deployer");
        assertThat(names(created.json())).containsExactlyElementsOf(signatures);
        assertThat(read.json().get("signatures")).isEqualTo(created.json().get("signatures"));
        assertThat(read.json().at("/metadata/metrics/auc").asDouble()).isEqualTo(0.91);
        assertThat(read.json().at("/metadata/features/x/mean").asDouble()).isEqualTo(2.67);
        assertThat(read.json().at("/metadata/features/x/histogram/fractions/1").asDouble()).isEqualTo(0.5);
        assertThat(read.json().at("/metadata/dataset").asString()).isEqualTo("gs://data/" + fixture);
    }

    @Test
    void refusesABaselineHistogramThatDoesNotAddUpAndStoresNothing() {
        String model = newModel();
        byte[] archive = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        String metadata = "{\"features\":{\"x\":{\"histogram\":{\"boundaries\":[2.0],\"fractions\":[0.5,0.2]}}}}";

        Reply refused = upload(token("deployer"), model, archive, "m.tar.gz", ArchiveDigest.of(archive), metadata);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().toString()).contains("histogram.fractions must sum to 1");
        assertThat(get(token("viewer"), "/api/v1/models/" + model + "/versions/1").status()).isEqualTo(404);
    }

    @Test
    void signatureDetailsSurviveTheRoundTripThroughTheDatabase() {
        String model = newModel();
        uploadHalfPlusTwo(model);

        JsonNode serving = signature(get(token("viewer"), "/api/v1/models/" + model + "/versions/1").json(),
                "serving_default");
        JsonNode regress = signature(get(token("viewer"), "/api/v1/models/" + model + "/versions/1").json(),
                "regress_x_to_y");

        assertThat(serving.get("method").asString()).isEqualTo("tensorflow/serving/predict");
        assertThat(serving.at("/inputs/x/tensor").asString()).isEqualTo("x:0");
        assertThat(serving.at("/inputs/x/dtype").asString()).isEqualTo("DT_FLOAT");
        assertThat(serving.at("/inputs/x/shape").valueStream().map(JsonNode::asLong)).containsExactly(-1L, 1L);
        assertThat(serving.at("/outputs/y/tensor").asString()).isEqualTo("y:0");
        assertThat(regress.at("/inputs/inputs/dtype").asString()).isEqualTo("DT_STRING");
        assertThat(regress.at("/inputs/inputs/shape").isNull()).isTrue();
    }

    @Test
    void podsDownloadTheArchiveWithEtagAndRange() {
        String model = newModel();
        byte[] archive = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        upload(token("deployer"), model, archive, "m.tar.gz", null, null);
        String path = "/api/v1/models/" + model + "/versions/1/artifact";
        String sha = ArchiveDigest.of(archive);

        Reply full = get(token("machine"), path);
        Reply cached = call(token("machine"), HttpMethod.GET, path, null, h -> h.setIfNoneMatch("\"" + sha + "\""));
        Reply range = call(token("machine"), HttpMethod.GET, path, null, h -> h.set("Range", "bytes=10-19"));

        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(archive);
        assertThat(full.etag()).isEqualTo("\"" + sha + "\"");
        assertThat(full.headers().getFirst("X-Content-SHA256")).isEqualTo(sha);
        assertThat(full.headers().getContentType()).hasToString("application/gzip");
        assertThat(full.headers().getContentDisposition().getFilename()).isEqualTo(model + "-1.tar.gz");
        assertThat(cached.status()).isEqualTo(304);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(archive, 10, 20));
        assertThat(range.headers().getFirst("Content-Range")).isEqualTo("bytes 10-19/" + archive.length);
    }

    @Test
    void registersByUriThroughTheSameChecks() throws IOException {
        byte[] archive = Archives.zip(Archives.fixture("saved_model_half_plus_two_mlmd"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/mlmd.zip", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        // A redirect to the cloud metadata address: each hop is checked, not only the URI the deployer sent.
        server.createContext("/models/sneaky.zip", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            String model = newModel();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Reply metadata = post(token("deployer"), "/api/v1/models/" + model + "/versions",
                    "{\"artifactUri\":\"http://169.254.169.254/latest/meta-data/\"}");
            Reply redirected = post(token("deployer"), "/api/v1/models/" + model + "/versions",
                    "{\"artifactUri\":\"" + base + "/models/sneaky.zip\"}");
            assertThat(metadata.status()).isEqualTo(400);
            assertThat(metadata.at("/detail")).isEqualTo("host '169.254.169.254' is not in"
                    + " verso.registry.fetch-allowed-hosts");
            assertThat(redirected.status()).isEqualTo(400);
            assertThat(redirected.at("/detail")).startsWith("host '169.254.169.254' is not in")
                    .endsWith("(redirected from '" + base + "/models/sneaky.zip')");

            Reply created = post(token("deployer"), "/api/v1/models/" + model + "/versions",
                    "{\"artifactUri\":\"" + base + "/models/mlmd.zip\",\"sha256\":\"" + ArchiveDigest.of(archive) + "\"}");
            Reply missing = post(token("deployer"), "/api/v1/models/" + model + "/versions",
                    "{\"artifactUri\":\"" + base + "/models/nothing.zip\"}");
            Reply local = post(token("deployer"), "/api/v1/models/" + model + "/versions",
                    "{\"artifactUri\":\"file:///etc/passwd\"}");

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().get("sourceUri").asString()).isEqualTo(base + "/models/mlmd.zip");
            assertThat(names(created.json())).contains("serving_default");
            assertThat(get(token("machine"), "/api/v1/models/" + model + "/versions/1/artifact").body())
                    .isEqualTo(archive);
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.at("/field")).isEqualTo("artifactUri");
            assertThat(missing.at("/detail")).isEqualTo("the archive at '" + base + "/models/nothing.zip' could not be"
                    + " fetched (no 200 answer with a body); the registry's log says why");
            assertThat(local.at("/detail")).isEqualTo("artifactUri must be an http or https URI, but was 'file:///etc/passwd'");
            assertThat(get(token("viewer"), "/api/v1/models/" + model).json().get("latestVersion").asLong()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void listsVersionsNewestFirstAndModelsByName() {
        String model = newModel();
        uploadHalfPlusTwo(model);
        uploadHalfPlusTwo(model);
        uploadHalfPlusTwo(model);

        Reply page = get(token("viewer"), "/api/v1/models/" + model + "/versions?page=0&size=2");
        Reply models = get(token("viewer"), "/api/v1/models?size=1");

        assertThat(page.json().get("items").valueStream().map(v -> v.get("version").asLong())).containsExactly(3L, 2L);
        assertThat(page.json().get("totalElements").asLong()).isEqualTo(3);
        assertThat(page.json().get("totalPages").asInt()).isEqualTo(2);
        assertThat(models.json().get("items")).hasSize(1);
        assertThat(models.json().get("totalElements").asLong()).isGreaterThanOrEqualTo(1);
    }

    private static List<String> names(JsonNode version) {
        return version.get("signatures").valueStream().map(s -> s.get("name").asString()).toList();
    }

    private static JsonNode signature(JsonNode version, String name) {
        return version.get("signatures").valueStream().filter(s -> s.get("name").asString().equals(name))
                .findFirst().orElseThrow();
    }
}
