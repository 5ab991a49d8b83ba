package io.verso.localstack;

import io.verso.demo.iris.IrisDataset;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Starts Verso on one machine: PostgreSQL (embedded binaries with their data under {@code <data>/postgres}, kept
 * between runs, or the server {@code VERSO_LOCAL_DB_URL} names), the registry, an inference pod and the gateway as
 * separate processes from their jars, then registers and promotes the demo models and prints what to try. Ctrl-C
 * stops everything; a second start reuses the data and finds the models already there.
 *
 * <p>Usage: {@code LocalStack <repository root> <data directory>}; ports from {@code VERSO_REGISTRY_PORT} (8090),
 * {@code VERSO_INFERENCE_PORT} (8501; its gRPC port is one less), {@code VERSO_GATEWAY_PORT} (8080) and
 * {@code VERSO_GATEWAY_GRPC_PORT} (9500).
 */
public final class LocalStack {

    static final String ADMIN_TOKEN = System.getenv().getOrDefault("VERSO_LOCAL_ADMIN_TOKEN", "local-admin-token");
    /**
     * How long each service may take to become ready. Generous: on a busy two-core laptop a Spring Boot service
     * alone was measured starting in over two minutes, and the pod's first start also unpacks TensorFlow's natives.
     */
    private static final Duration START = Duration.ofMinutes(5);
    private static final PrintStream OUT = System.out;

    private final Path root;
    private final Path data;
    private final List<AutoCloseable> running = new ArrayList<>();

    private LocalStack(Path root, Path data) {
        this.root = root;
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize(),
                Path.of(args.length > 1 ? args[1] : "var").toAbsolutePath().normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "stop-local-stack"));
        try {
            stack.start();
        } catch (Exception e) {
            OUT.println("[verso] " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void start() throws Exception {
        int registryPort = port("VERSO_REGISTRY_PORT", 8090);
        int inferencePort = port("VERSO_INFERENCE_PORT", 8501);
        int gatewayPort = port("VERSO_GATEWAY_PORT", 8080);
        // The pod's gRPC port is its REST port - 1 (8500 beside 8501, as TF Serving); it advertises it to the registry.
        int gatewayGrpcPort = port("VERSO_GATEWAY_GRPC_PORT", 9500);
        Path logs = data.resolve("logs");
        long started = System.nanoTime();

        String jdbcUrl = database();
        String podToken = randomSecret();
        String gatewayToken = randomSecret();
        say("starting the registry on :" + registryPort);
        ServiceProcess registry = started(ServiceProcess.start("registry", ServiceProcess.jarOf(root, "registry-service"),
                registryPort, List.of(), List.of("--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + System.getenv().getOrDefault("VERSO_LOCAL_DB_USER", "postgres"),
                        "--spring.datasource.password=" + System.getenv().getOrDefault("VERSO_LOCAL_DB_PASSWORD", ""),
                        "--verso.registry.artifact-root=" + data.resolve("artifacts"),
                        "--verso.registry.bootstrap-token=" + ADMIN_TOKEN,
                        // The pod's and the gateway's credentials, new on every start: configured, never stored.
                        "--verso.registry.pod-token=" + podToken,
                        "--verso.registry.gateway-token=" + gatewayToken), logs, OUT));
        awaitReady(registry, "registry", "/actuator/health/readiness");
        Http admin = new Http(registry.uri(), ADMIN_TOKEN);

        say("starting an inference pod on :" + inferencePort);
        ServiceProcess inference = started(ServiceProcess.start("inference", ServiceProcess.jarOf(root,
                "inference-service"), inferencePort, List.of("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache()),
                List.of("--verso.inference.registry.uri=" + registry.uri(),
                        "--verso.inference.registry.token=" + podToken,
                        "--verso.inference.registry.pod-id=local-pod",
                        "--verso.inference.registry.endpoint=http://127.0.0.1:" + inferencePort,
                        "--verso.inference.registry.cache-dir=" + data.resolve("pod-cache"),
                        "--verso.inference.registry.heartbeat=5s",
                        "--verso.inference.grpc.port=" + (inferencePort - 1),
                        // Iris monitoring out of the box: drift per named column, slices by petal length (as in
                        // docs/monitoring.md), every prediction logged (a demo sees few requests).
                        "--verso.inference.monitoring.models.iris.columns.features="
                                + String.join(",", IrisDataset.FEATURES),
                        "--verso.inference.monitoring.models.iris.task=classification",
                        "--verso.inference.monitoring.models.iris.slices.feature.name=petal_length",
                        "--verso.inference.monitoring.models.iris.slices.feature.input=features",
                        "--verso.inference.monitoring.models.iris.slices.feature.column="
                                + IrisDataset.FEATURES.indexOf("petal_length"),
                        "--verso.inference.monitoring.models.iris.slices.feature.boundaries=2.5,5.0",
                        "--verso.inference.monitoring.models.iris.prediction-log-rate=1.0",
                        "--verso.inference.monitoring.prediction-log.directory=" + data.resolve("predictions")),
                        logs, OUT));
        say("starting the gateway on :" + gatewayPort);
        ServiceProcess gateway = started(ServiceProcess.start("gateway", ServiceProcess.jarOf(root, "gateway"),
                gatewayPort, List.of(), List.of("--verso.gateway.registry-uri=" + registry.uri(),
                        "--verso.gateway.registry-token=" + gatewayToken,
                        // A laptop stack on loopback: open on purpose, and said so (keys are on by default).
                        "--verso.gateway.auth.enabled=false",
                        "--verso.gateway.routing-cache=" + data.resolve("routing-table.json"),
                        "--verso.gateway.grpc.port=" + gatewayGrpcPort), logs, OUT));

        new DemoModels(admin, data.resolve("models"), OUT).registerAndPromote();
        awaitReady(inference, "inference pod", "/actuator/health/readiness");
        awaitReady(gateway, "gateway", "/actuator/health/readiness");
        say("ready in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        OUT.println(Walkthrough.text(gateway.uri().toString(), registry.uri().toString(), inference.uri().toString(),
                ADMIN_TOKEN, logs, data.resolve("predictions"), gatewayGrpcPort));
    }

    /** The user's PostgreSQL when VERSO_LOCAL_DB_URL is set, otherwise embedded binaries with persistent data. */
    private String database() throws IOException {
        String external = System.getenv("VERSO_LOCAL_DB_URL");
        if (external != null && !external.isBlank()) {
            say("using PostgreSQL at " + external);
            return external;
        }
        int port = port("VERSO_LOCAL_DB_PORT", 15432);
        say("starting PostgreSQL (embedded, data in " + data.resolve("postgres") + ") on :" + port);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(data.resolve("postgres")))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(Files.createDirectories(data.resolve("postgres-binaries")).toFile())
                .setPort(port)
                // Our own shutdown hook stops PostgreSQL after the registry; the library's would race it.
                .setRegisterShutdownHook(false)
                .start();
        running.add(postgres);
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private ServiceProcess started(ServiceProcess process) {
        running.add(process);
        return process;
    }

    private static void awaitReady(ServiceProcess process, String what, String path) throws InterruptedException {
        long since = System.nanoTime();
        process.awaitOk(path, START);
        say(what + " ready in " + Duration.ofNanos(System.nanoTime() - since).toSeconds() + " s");
    }

    /** A configured port, refused up front with a clear message when something already listens there. */
    private static int port(String variable, int defaultPort) {
        int port = Integer.parseInt(System.getenv().getOrDefault(variable, Integer.toString(defaultPort)));
        if (ServiceProcess.portTaken(port)) {
            throw new IllegalStateException("port " + port + " is already in use; stop what runs there or set "
                    + variable);
        }
        return port;
    }

    private static String javacppCache() {
        return System.getenv().getOrDefault("JAVACPP_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString());
    }

    /** Stops the services in reverse order of their start, PostgreSQL last. */
    private void stop() {
        say("stopping...");
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                OUT.println("[verso] could not stop cleanly: " + e.getMessage());
            }
        }
        say("stopped");
    }

    static void say(String message) {
        OUT.println("[verso] " + message);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "verso_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
