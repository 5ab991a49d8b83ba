package io.verso.e2e.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.e2e.deployment.Cluster.PlannedPod;
import io.verso.localstack.Http;
import io.verso.localstack.ModelArchives;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart as a cluster would run it, without Kubernetes: {@code helm install --dry-run} renders the release
 * (default values, ci/values-cpu.yaml, ci/values-external-db.yaml), and every Deployment and StatefulSet, the
 * post-install Jobs and the {@code helm test} pod run as processes in their own network namespaces with exactly the
 * rendered command, arguments, environment and volumes ({@link Cluster}): PostgreSQL (the bundled StatefulSet's, or
 * the "external" database the values name, with TLS where they require it), the registry, two inference pods and the
 * gateway. Then the chart's own test pod and the curl commands of NOTES.txt must pass, and a version uploaded through
 * the gateway's {@code /admin} is canaried, promoted and rolled back while the answering version
 * ({@code X-Verso-Model-Version}) through the gateway follows each step. Needs root (namespaces and mounts), node/npm
 * for helm on the first run, and the service jars (the reactor builds them first).
 */
class RenderedChartIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** The chart under test; -Dverso.e2e.chart=<dir> tests another copy (e.g. an older revision, to see it fail). */
    private static final Path CHART = Path.of(System.getProperty("verso.e2e.chart",
            REPOSITORY.resolve("helm/verso").toString()));
    private static final Path WORK = Path.of("target", "rendered-chart").toAbsolutePath();
    /** Generous: on a loaded two-core machine a registry was measured taking 5 min 16 s to start. */
    private static final Duration START = Duration.ofMinutes(10);
    private static final String MODEL = HalfPlusTwoModel.NAME;
    private static final String PREDICT = "{\"instances\": [1.0, 2.0, 5.0]}";
    private static final String ANSWER = "{\"predictions\":[2.5,3.0,4.5]}";
    private static Path helm;

    @BeforeAll
    static void tools() throws Exception {
        assertThat(new ProcessBuilder("id", "-u").start().inputReader().readLine())
                .as("RenderedChartIT creates network namespaces and mounts: run it as root").isEqualTo("0");
        Process install = new ProcessBuilder("bash", REPOSITORY.resolve("deploy/ci/tools/install.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String tools = install.inputReader().readLine();
        assertThat(install.waitFor()).as("deploy/ci/tools/install.sh").isZero();
        helm = Path.of(tools, "bin", "helm4");
        // Images are assembled from this build's jars, once per run.
        deleteTree(WORK.resolve("images"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"values-cpu.yaml", "default", "values-external-db.yaml"})
    void theRenderedReleaseServesAndFollowsTheRegistry(String values) throws Exception {
        // -Dverso.e2e.chart-values=<one of them> runs only that one (a developer's shortcut; CI runs all three).
        String only = System.getProperty("verso.e2e.chart-values");
        Assumptions.assumeTrue(only == null || only.isBlank() || only.equals(values), "only " + only);
        HelmRelease release = HelmRelease.render(helm, CHART,
                values.equals("default") ? null : CHART.resolve("ci").resolve(values));
        Path work = WORK.resolve(values);
        deleteTree(work);
        Transcript transcript = new Transcript(work.resolve("transcript.txt"));
        try (Cluster cluster = Cluster.create(release, REPOSITORY, work)) {
            Map<String, Object> registryWorkload = workload(release, "registry");
            Map<String, Object> gatewayWorkload = workload(release, "gateway");
            List<Map<String, Object>> inferenceWorkloads = workloads(release, "inference");
            assertThat(inferenceWorkloads).as("inference Deployments").isNotEmpty();

            // Plan every pod first: the hosts files (cluster DNS) name them all.
            List<Map<String, Object>> statefulSets = release.ofKind("StatefulSet");
            String database = statefulSets.isEmpty() ? "external-postgresql-0" : Yamls.name(statefulSets.get(0)) + "-0";
            PlannedPod postgres = cluster.plan(database, statefulSets.isEmpty() ? Map.of()
                    : Yamls.podTemplate(statefulSets.get(0)));
            PlannedPod registry = cluster.plan(podName(registryWorkload, 0), Yamls.podTemplate(registryWorkload));
            List<PlannedPod> inference = new ArrayList<>();
            for (Map<String, Object> workload : inferenceWorkloads) {
                // Two pods per Deployment (kubectl scale --replicas=2): the registry must list both.
                for (int replica = 0; replica < 2; replica++) {
                    inference.add(cluster.plan(podName(workload, replica), Yamls.podTemplate(workload)));
                }
            }
            PlannedPod gateway = cluster.plan(podName(gatewayWorkload, 0), Yamls.podTemplate(gatewayWorkload));
            List<PlannedPod> jobs = new ArrayList<>();
            for (Map<String, Object> job : release.hooks("Job", "post-install")) {
                jobs.add(cluster.plan(podName(job, 0), Yamls.podTemplate(job)));
            }
            List<PlannedPod> tests = new ArrayList<>();
            for (Map<String, Object> pod : release.hooks("Pod", "test")) {
                tests.add(cluster.plan(Yamls.name(pod), pod));
            }
            PlannedPod client = cluster.plan("notes-client", Map.of());
            cluster.supplyMissingSecrets();

            Map<String, String> registryEnv = cluster.environment(registry, Cluster.mainContainer(registry), null);
            Matcher jdbc = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)(\\?.*)?")
                    .matcher(registryEnv.get("VERSO_REGISTRY_DB_URL"));
            assertThat(jdbc.matches()).as(registryEnv.get("VERSO_REGISTRY_DB_URL")).isTrue();
            Map<String, String> extraHosts = new LinkedHashMap<>();
            if (statefulSets.isEmpty()) {
                extraHosts.put(jdbc.group(1), database); // the operator's database, reachable by its host name
            }
            cluster.publishServices(extraHosts);

            // PostgreSQL: the bundled StatefulSet's settings, or the external database the registry is given.
            if (statefulSets.isEmpty()) {
                assertThat(jdbc.group(2)).isEqualTo("5432");
                cluster.track(PostgresPod.start(database, cluster.network(), work.resolve("postgres"), jdbc.group(3),
                        registryEnv.get("VERSO_REGISTRY_DB_USER"), registryEnv.get("VERSO_REGISTRY_DB_PASSWORD"),
                        String.valueOf(jdbc.group(4)).contains("sslmode=require")));
            } else {
                Map<String, String> pg = cluster.environment(postgres, Cluster.mainContainer(postgres), null);
                cluster.track(PostgresPod.start(database, cluster.network(), work.resolve("postgres"),
                        pg.get("POSTGRES_DB"), pg.get("POSTGRES_USER"), pg.get("POSTGRES_PASSWORD"), false));
            }

            PodProcess registryProcess = cluster.start(registry.name());
            Map<PlannedPod, PodProcess> started = new LinkedHashMap<>();
            for (PlannedPod pod : inference) {
                started.put(pod, cluster.start(pod.name()));
            }
            started.put(gateway, cluster.start(gateway.name()));
            cluster.awaitReady(registry.name(), registryProcess, START);
            for (PlannedPod job : jobs) {
                PodProcess process = cluster.start(job.name());
                assertThat(process.awaitExit(15)).as(job.name() + ":\n" + process.logTail()).isZero();
                transcript.add("post-install Job " + job.name(), process.log());
            }
            for (Map.Entry<PlannedPod, PodProcess> pod : started.entrySet()) {
                cluster.awaitReady(pod.getKey().name(), pod.getValue(), START);
            }

            String gatewayBase = "http://" + cluster.address(gateway.name()) + ":"
                    + containerPort(Cluster.mainContainer(gateway)) + "/";
            String token = notesSecret(release, "TOKEN");
            String apiKey = notesSecret(release, "VERSO_API_KEY");
            Http admin = new Http(URI.create(gatewayBase), token);
            Http predictions = new Http(URI.create(gatewayBase), apiKey);
            assertThat(new Http(URI.create(gatewayBase), null).post("/v1/models/" + MODEL + ":predict", PREDICT)
                    .status()).as("a predict without an API key").isEqualTo(401);
            long first;
            if (jobs.isEmpty()) {
                // No seeding Job: the operator registers and promotes a model through /admin (docs/deploy.md).
                first = upload(admin, Files.createTempDirectory(work, "model"), null, transcript);
                transcript.add("promote v" + first, transition(admin, "promote", "{\"version\": " + first + "}"));
            } else {
                first = 1;
            }
            await("the gateway routes " + MODEL).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> predictions.post("/v1/models/" + MODEL + ":predict", PREDICT).status() == 200);
            assertRoutesToEveryPod(cluster, gateway, inference);

            for (PlannedPod test : tests) {
                PodProcess process = cluster.start(test.name());
                int exit = process.awaitExit(5);
                transcript.add("helm test " + test.name(), process.log());
                assertThat(exit).as("helm test pod " + test.name() + ":\n" + process.log()).isZero();
            }
            runNotesCommands(cluster, release, client, gateway, Map.of("TOKEN", token, "VERSO_API_KEY", apiKey),
                    transcript);

            long second = upload(admin, Files.createTempDirectory(work, "model"), "chart-v2", transcript);
            transcript.add("canary v" + second + " at 50%", transition(admin, "canary",
                    "{\"version\": " + second + ", \"weight\": 50}"));
            transcript.add("X-Verso-Model-Version of 40 predicts through the gateway",
                    awaitAnswering(predictions, Set.of(first, second)).toString());
            transcript.add("promote", transition(admin, "promote", "{}"));
            transcript.add("X-Verso-Model-Version of 40 predicts through the gateway",
                    awaitAnswering(predictions, Set.of(second)).toString());
            transcript.add("rollback", transition(admin, "rollback", "{}"));
            transcript.add("X-Verso-Model-Version of 40 predicts through the gateway",
                    awaitAnswering(predictions, Set.of(first)).toString());
        } finally {
            transcript.write();
        }
    }

    /** The gateway's routing table (its cache file on its volume) lists every inference pod's downward-API address. */
    private static void assertRoutesToEveryPod(Cluster cluster, PlannedPod gateway, List<PlannedPod> inference)
            throws IOException {
        String table = null;
        for (Path volume : cluster.volumes(gateway).values()) {
            Path file = volume.resolve("routing-table.json");
            if (Files.isRegularFile(file)) {
                table = Files.readString(file);
            }
        }
        assertThat(table).as("the gateway's routing cache on its volume").isNotNull();
        for (PlannedPod pod : inference) {
            assertThat(table).contains("http://" + cluster.address(pod.name()) + ":8501");
        }
    }

    /** Runs NOTES.txt's curl commands as a user would after its port-forward/export lines, in a pod of its own. */
    private static void runNotesCommands(Cluster cluster, HelmRelease release, PlannedPod client, PlannedPod gateway,
                                         Map<String, String> exported, Transcript transcript) throws Exception {
        Map<String, Object> service = release.ofKind("Service").stream()
                .filter(s -> Yamls.name(s).endsWith("-gateway")).findFirst().orElseThrow();
        String port = Yamls.string(Yamls.list(Yamls.map(service, "spec"), "ports").get(0), "port");
        String verso = "http://" + Yamls.name(service) + ":" + port;
        List<String> commands = release.notes().lines().map(String::strip).filter(l -> l.startsWith("curl ")).toList();
        assertThat(commands).as("NOTES.txt curl commands").hasSizeGreaterThanOrEqualTo(2);
        for (String command : commands) {
            List<String> argv = new ArrayList<>(cluster.network().exec(client.name()));
            argv.addAll(List.of("sh", "-c", command));
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            builder.environment().put("VERSO", verso);
            builder.environment().putAll(exported);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(command + "\n" + output).isZero();
            transcript.add("$ " + command, output);
            if (command.contains(":predict")) {
                assertThat(output.replaceAll("\\s", "")).as(command).isEqualTo(ANSWER);
            } else {
                assertThat(output).as(command).contains("\"" + MODEL + "\"");
            }
        }
    }

    /**
     * A secret as NOTES.txt tells the user to read it into a variable
     * ({@code export VARIABLE=$(kubectl ... get secret NAME -o jsonpath='{.data.KEY}' | base64 -d)}).
     */
    private static String notesSecret(HelmRelease release, String variable) {
        Matcher matcher = Pattern.compile("export " + variable
                        + "=\\$\\(kubectl .*?get secret (\\S+) -o jsonpath='\\{\\.data\\.([^}]+)\\}'")
                .matcher(release.notes());
        assertThat(matcher.find()).as("NOTES.txt tells how to read " + variable).isTrue();
        return release.secret(matcher.group(1), matcher.group(2)).orElseThrow();
    }

    /** Uploads half_plus_two through the gateway's /admin; returns the version number the registry gave it. */
    private static long upload(Http admin, Path directory, String marker, Transcript transcript) throws Exception {
        HalfPlusTwoModel.writeTo(directory);
        if (admin.get("/admin/models/" + MODEL).status() == 404) {
            Http.Answer created = admin.post("/admin/models", "{\"name\": \"" + MODEL + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        Http.Answer uploaded = admin.upload("/admin/models/" + MODEL + "/versions", MODEL + ".tar.gz",
                ModelArchives.tarGz(HalfPlusTwoModel.versionDirectory(directory), marker));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        transcript.add("upload " + MODEL + " through /admin", uploaded.body());
        return uploaded.json().get("version").asLong();
    }

    private static String transition(Http admin, String action, String json) throws Exception {
        Http.Answer answer = admin.post("/admin/models/" + MODEL + "/deployment/" + action, json);
        assertThat(answer.status()).as(action + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    /**
     * Waits until the versions answering through the gateway are exactly {@code versions} (40 requests a round);
     * returns how many of the last round each version answered.
     */
    private static Map<Long, Integer> awaitAnswering(Http predictions, Set<Long> versions) {
        Map<Long, Integer> counts = new TreeMap<>();
        await("the gateway answers with versions " + versions).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    counts.clear();
                    for (int i = 0; i < 40; i++) {
                        Http.Answer answer = predictions.post("/v1/models/" + MODEL + ":predict", PREDICT);
                        if (answer.status() != 200 || !answer.body().replaceAll("\\s", "").equals(ANSWER)) {
                            return false;
                        }
                        counts.merge(Long.parseLong(answer.header("X-Verso-Model-Version")), 1, Integer::sum);
                    }
                    return counts.keySet().equals(versions);
                });
        return counts;
    }

    private static Map<String, Object> workload(HelmRelease release, String component) {
        List<Map<String, Object>> found = workloads(release, component);
        assertThat(found).as(component + " Deployment").hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> workloads(HelmRelease release, String component) {
        return release.ofKind("Deployment").stream().filter(d -> component.equals(Yamls.string(Yamls.map(Yamls.map(
                Yamls.podTemplate(d), "metadata"), "labels"), "app.kubernetes.io/component"))).toList();
    }

    /** A pod name as the controller would make it: the workload's name, a template hash, a random suffix. */
    private static String podName(Map<String, Object> workload, int replica) {
        return Yamls.name(workload) + "-7f9c6d-" + List.of("x2k4p", "q7m9z", "b5n3w").get(replica);
    }

    private static String containerPort(Map<String, Object> container) {
        return Yamls.string(Yamls.list(container, "ports").get(0), "containerPort");
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var tree = Files.walk(directory)) {
                for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** What the run showed (admin answers, helm test and NOTES output), written for docs/deploy.md. */
    private static final class Transcript {
        private final Path file;
        private final StringBuilder text = new StringBuilder();

        Transcript(Path file) {
            this.file = file;
        }

        void add(String step, String output) {
            text.append("### ").append(step).append('\n').append(output.strip()).append("\n\n");
        }

        void write() throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }
}
