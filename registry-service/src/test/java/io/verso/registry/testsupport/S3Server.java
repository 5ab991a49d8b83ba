package io.verso.registry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the object-store tests: Adobe S3Mock's executable jar (copied from Maven Central
 * into {@code target/s3mock} by the build), started once per test JVM as its own process on free ports and stopped
 * when the JVM exits. It speaks the S3 REST API over HTTP the way the SDK calls it: path-style addressing, SigV4
 * headers and presigned query strings (it accepts any signature, so these tests prove the requests' shape, not
 * AWS's IAM), multipart uploads with list and abort, ranged GETs and object listings.
 *
 * <p>The registry finds its credentials through the AWS SDK's default chain, as in production; here that is the
 * {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties, set when the server starts.
 */
public final class S3Server {

    public static final String ACCESS_KEY = "verso-test-access";
    public static final String SECRET_KEY = "verso-test-secret";
    private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar").toAbsolutePath();
    private static S3Server shared;

    private final URI endpoint;
    private final Process process;

    private S3Server(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** The server of this test run, started on first use. */
    public static synchronized S3Server shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroy, "s3mock-stop"));
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this server with the test credentials, for what a test prepares or inspects directly. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build();
    }

    /** A new empty bucket, so tests never share one. */
    public String newBucket(String prefix) {
        String bucket = prefix + "-" + Long.toHexString(System.nanoTime());
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    /** The registry properties of an S3 store on this server. */
    public List<String> registryProperties(String bucket) {
        return List.of("--verso.registry.store=s3", "--verso.registry.s3.bucket=" + bucket,
                "--verso.registry.s3.endpoint=" + endpoint, "--verso.registry.s3.path-style=true",
                "--verso.registry.s3.region=us-east-1");
    }

    private static S3Server start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build copies it in generate-test-resources"
                    + " (run the tests through Maven)");
        }
        try {
            Path work = Files.createDirectories(Path.of("target", "s3mock", TestPostgres.RUN_ID).toAbsolutePath());
            int http = freePort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString(),
                    "--http.port=" + http, "--server.port=" + freePort(),
                    "--vectors.http.port=" + freePort(), "--vectors.https.port=" + freePort(),
                    "--com.adobe.testing.s3mock.store.root=" + work.resolve("data"),
                    // Multipart parts of the tests are 5 MiB; whole objects up to the registry's upload limit.
                    "--com.adobe.testing.s3mock.max-payload-size=64MB")
                    .redirectErrorStream(true).redirectOutput(work.resolve("s3mock.log").toFile()).start();
            URI endpoint = URI.create("http://127.0.0.1:" + http);
            awaitUp(endpoint, process, work.resolve("s3mock.log"));
            return new S3Server(endpoint, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Mock", e);
        }
    }

    private static void awaitUp(URI endpoint, Process process, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while S3Mock starts", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while S3Mock starts", e);
            }
        }
        process.destroy();
        throw new IllegalStateException("S3Mock did not answer within 180 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
