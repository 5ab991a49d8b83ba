package io.verso.e2e.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered release run as a cluster would run it, on this machine: each planned pod gets its own network namespace
 * and address ({@link PodNetwork}), Service names resolve to the pods their selectors pick, and each container starts
 * from its image ({@link Image}) with exactly the manifest's command, arguments, environment (Secret and ConfigMap
 * references resolved from the rendered objects, downward-API fields from the pod's name and address) and volumes
 * (ConfigMaps written out, emptyDirs and claims as fresh directories). Nothing of the rendered configuration is
 * rewritten. {@link #close} stops every process (SIGTERM, then SIGKILL) and removes the namespaces.
 */
final class Cluster implements AutoCloseable {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)|\\$\\$");
    private static final Pattern JAVACPP_CACHE = Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.cachedir=(\\S+)");
    private static final Map<Path, Image> IMAGES = new LinkedHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A pod to run: its name and its template ({metadata, spec}). */
    record PlannedPod(String name, Map<String, Object> template) {
    }

    private final HelmRelease release;
    private final Path repository;
    private final Path work;
    private final PodNetwork network;
    private final Map<String, PlannedPod> pods = new LinkedHashMap<>();
    private final List<PodProcess> running = new ArrayList<>();
    private final List<Path> createdMountPoints = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stop, "stop-rendered-cluster");

    private Cluster(HelmRelease release, Path repository, Path work, PodNetwork network) {
        this.release = release;
        this.repository = repository;
        this.work = work;
        this.network = network;
    }

    static Cluster create(HelmRelease release, Path repository, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Cluster cluster = new Cluster(release, repository, work, PodNetwork.create());
        // A test JVM stopped from outside (a surefire timeout, Ctrl-C) still stops the pods and removes the network.
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        return cluster;
    }

    /** Plans a pod of {@code template} named {@code name}, with its own namespace and address. */
    PlannedPod plan(String name, Map<String, Object> template) throws IOException, InterruptedException {
        network.add(name);
        PlannedPod pod = new PlannedPod(name, template);
        pods.put(name, pod);
        return pod;
    }

    String address(String pod) {
        return network.address(pod);
    }

    /**
     * Writes the hosts files: each Service's short and qualified names to the first planned pod its selector picks,
     * plus {@code extra} (name → pod), e.g. an external database's host name.
     */
    void publishServices(Map<String, String> extra) throws IOException {
        Map<String, List<String>> hosts = new LinkedHashMap<>();
        for (Map<String, Object> service : release.ofKind("Service")) {
            Map<String, Object> selector = Yamls.map(Yamls.map(service, "spec"), "selector");
            String name = Yamls.name(service);
            pods.values().stream().filter(pod -> Yamls.map(Yamls.map(pod.template(), "metadata"), "labels")
                    .entrySet().containsAll(selector.entrySet())).findFirst().ifPresent(pod ->
                    hosts.computeIfAbsent(network.address(pod.name()), a -> new ArrayList<>()).addAll(List.of(name,
                            name + "." + HelmRelease.NAMESPACE, name + "." + HelmRelease.NAMESPACE + ".svc",
                            name + "." + HelmRelease.NAMESPACE + ".svc.cluster.local")));
        }
        extra.forEach((host, pod) -> hosts.computeIfAbsent(network.address(pod), a -> new ArrayList<>()).add(host));
        network.hosts(hosts);
    }

    /** Secrets the pods reference but the chart does not render are created as a user would, with random values. */
    void supplyMissingSecrets() {
        Map<String, List<String>> referenced = new LinkedHashMap<>();
        for (PlannedPod pod : pods.values()) {
            for (Map<String, Object> container : containers(pod)) {
                for (Map<String, Object> env : Yamls.list(container, "env")) {
                    Map<String, Object> ref = Yamls.map(Yamls.map(env, "valueFrom"), "secretKeyRef");
                    if (!ref.isEmpty()) {
                        referenced.computeIfAbsent(Yamls.string(ref, "name"), n -> new ArrayList<>())
                                .add(Yamls.string(ref, "key"));
                    }
                }
            }
        }
        for (String secret : release.missingSecrets(List.copyOf(referenced.keySet()))) {
            Map<String, String> data = new LinkedHashMap<>();
            referenced.get(secret).forEach(key -> data.put(key, randomToken()));
            release.supply(secret, data);
        }
    }

    /** Every container of a pod, init containers first. */
    static List<Map<String, Object>> containers(PlannedPod pod) {
        Map<String, Object> spec = Yamls.map(pod.template(), "spec");
        List<Map<String, Object>> all = new ArrayList<>(Yamls.list(spec, "initContainers"));
        all.addAll(Yamls.list(spec, "containers"));
        return all;
    }

    static Map<String, Object> mainContainer(PlannedPod pod) {
        return Yamls.list(Yamls.map(pod.template(), "spec"), "containers").get(0);
    }

    /** The environment of a container as the kubelet gives it (image ENV first, then the manifest's, in order). */
    Map<String, String> environment(PlannedPod pod, Map<String, Object> container, Image image) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", Path.of(Image.javaBinary()).getParent() + ":" + System.getenv("PATH"));
        env.put("HOSTNAME", pod.name());
        if (image != null) {
            env.putAll(image.env());
        }
        for (Map<String, Object> variable : Yamls.list(container, "env")) {
            String name = Yamls.string(variable, "name");
            if (variable.containsKey("value")) {
                env.put(name, expand(Yamls.string(variable, "value"), env));
                continue;
            }
            Map<String, Object> from = Yamls.map(variable, "valueFrom");
            Map<String, Object> secret = Yamls.map(from, "secretKeyRef");
            Map<String, Object> configMap = Yamls.map(from, "configMapKeyRef");
            Map<String, Object> field = Yamls.map(from, "fieldRef");
            if (!secret.isEmpty()) {
                env.put(name, release.secret(Yamls.string(secret, "name"), Yamls.string(secret, "key"))
                        .orElseThrow(() -> new AssertionError(pod.name() + ": " + name + " refers to a missing key "
                                + secret)));
            } else if (!configMap.isEmpty()) {
                String value = release.configMap(Yamls.string(configMap, "name")).get(Yamls.string(configMap, "key"));
                if (value == null) {
                    throw new AssertionError(pod.name() + ": " + name + " refers to a missing key " + configMap);
                }
                env.put(name, value);
            } else if (!field.isEmpty()) {
                env.put(name, switch (Yamls.string(field, "fieldPath")) {
                    case "metadata.name" -> pod.name();
                    case "metadata.namespace" -> HelmRelease.NAMESPACE;
                    case "status.podIP" -> network.address(pod.name());
                    default -> throw new AssertionError(pod.name() + ": unsupported downward-API field " + field);
                });
            } else {
                throw new AssertionError(pod.name() + ": unsupported env source " + variable);
            }
        }
        return env;
    }

    /** Kubernetes' $(VAR) references to variables defined before; $$ is a literal $. */
    static String expand(String value, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) == null ? "$"
                    : env.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    /** Runs a pod: its init containers to completion, then its main container; returns the main container. */
    PodProcess start(String name) throws IOException, InterruptedException {
        PlannedPod pod = pods.get(name);
        Map<String, Path> volumes = volumes(pod);
        List<Map<String, Object>> initContainers = Yamls.list(Yamls.map(pod.template(), "spec"), "initContainers");
        for (Map<String, Object> init : initContainers) {
            PodProcess process = launch(pod, init, volumes);
            int exit = process.awaitExit(15);
            if (exit != 0) {
                throw new AssertionError(name + " init container exited " + exit + ":\n" + process.logTail());
            }
        }
        return launch(pod, mainContainer(pod), volumes);
    }

    private PodProcess launch(PlannedPod pod, Map<String, Object> container, Map<String, Path> volumes)
            throws IOException, InterruptedException {
        Image image = image(Yamls.string(container, "image"));
        Map<String, String> env = environment(pod, container, image);
        String memory = Yamls.string(Yamls.map(Yamls.map(container, "resources"), "limits"), "memory");
        if (memory != null) {
            // The container's memory limit, as the JVM would read it from its cgroup.
            env.merge("JDK_JAVA_OPTIONS", "-XX:MaxRAM=" + bytes(memory), (a, b) -> a + " " + b);
        }
        List<String> argv = new ArrayList<>(container.containsKey("command") ? Yamls.strings(container, "command")
                : image.entrypoint());
        argv.addAll(Yamls.strings(container, "args"));
        argv.replaceAll(word -> expand(word, env));
        List<PodProcess.Mount> mounts = new ArrayList<>();
        mounts.add(new PodProcess.Mount(image.root(), image.workdir(), true));
        String javacppCache = javacppCache(image);
        for (Map<String, Object> mount : Yamls.list(container, "volumeMounts")) {
            String path = Yamls.string(mount, "mountPath");
            Path source = path.equals(javacppCache) ? hostJavacppCache() : volumes.get(Yamls.string(mount, "name"));
            if (source == null) {
                throw new AssertionError(pod.name() + ": no volume " + mount.get("name"));
            }
            if (mount.get("subPath") != null) {
                source = source.resolve(Yamls.string(mount, "subPath"));
            }
            mounts.add(new PodProcess.Mount(source, path, Boolean.TRUE.equals(mount.get("readOnly"))));
        }
        for (PodProcess.Mount mount : mounts) {
            mountPoint(Path.of(mount.path()));
        }
        boolean readOnlyRoot = Boolean.TRUE.equals(Yamls.map(container, "securityContext")
                .get("readOnlyRootFilesystem"));
        String name = pod.name() + "." + Yamls.string(container, "name");
        PodProcess process = PodProcess.start(name, network.exec(pod.name()), argv, env, mounts, image.workdir(),
                readOnlyRoot, work.resolve("logs").resolve(name + ".log"));
        running.add(process);
        return process;
    }

    /** Starts an emulated process in a pod's namespace (PostgreSQL), tracked for {@link #close}. */
    PodProcess track(PodProcess process) {
        running.add(process);
        return process;
    }

    PodNetwork network() {
        return network;
    }

    /** The volumes of a pod as directories of this machine; ConfigMaps written out, claims shared by name. */
    Map<String, Path> volumes(PlannedPod pod) throws IOException {
        Map<String, Path> volumes = new LinkedHashMap<>();
        Path base = Files.createDirectories(work.resolve("pods").resolve(pod.name()));
        for (Map<String, Object> volume : Yamls.list(Yamls.map(pod.template(), "spec"), "volumes")) {
            String name = Yamls.string(volume, "name");
            Path directory;
            if (volume.containsKey("configMap")) {
                directory = Files.createDirectories(base.resolve("configmap-" + name));
                String configMap = Yamls.string(Yamls.map(volume, "configMap"), "name");
                Map<String, String> data = release.configMap(configMap);
                if (data.isEmpty()) {
                    throw new AssertionError(pod.name() + ": ConfigMap " + configMap + " is not rendered");
                }
                for (Map.Entry<String, String> file : data.entrySet()) {
                    Files.writeString(directory.resolve(file.getKey()), file.getValue());
                }
            } else if (volume.containsKey("persistentVolumeClaim")) {
                directory = Files.createDirectories(work.resolve("claims").resolve(
                        Yamls.string(Yamls.map(volume, "persistentVolumeClaim"), "claimName")));
            } else if (volume.containsKey("emptyDir") || volume.containsKey("ephemeral")) {
                directory = Files.createDirectories(base.resolve("volume-" + name));
            } else {
                throw new AssertionError(pod.name() + ": unsupported volume " + volume);
            }
            volumes.put(name, directory);
        }
        return volumes;
    }

    /** Waits until the container's readiness probe (httpGet) answers 2xx at the pod's address. */
    void awaitReady(String name, PodProcess process, Duration timeout) throws InterruptedException {
        Map<String, Object> container = mainContainer(pods.get(name));
        Map<String, Object> probe = Yamls.map(Yamls.map(container, "readinessProbe"), "httpGet");
        String port = Yamls.string(probe, "port");
        for (Map<String, Object> declared : Yamls.list(container, "ports")) {
            if (port.equals(Yamls.string(declared, "name"))) {
                port = Yamls.string(declared, "containerPort");
            }
        }
        URI uri = URI.create("http://" + network.address(name) + ":" + port + Yamls.string(probe, "path"));
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before it was ready:\n" + process.logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " not ready within " + timeout + " (" + uri + "):\n" + process.logTail());
    }

    private Image image(String reference) throws IOException, InterruptedException {
        String repositoryName = reference.substring(0, reference.lastIndexOf(':'));
        String tag = reference.substring(reference.lastIndexOf(':') + 1);
        String image = repositoryName.substring(repositoryName.lastIndexOf('/') + 1);
        Path dockerfile = repository.resolve("deploy/docker").resolve(image + ".Dockerfile");
        if (tag.endsWith("-gpu") || !Files.isRegularFile(dockerfile)) {
            throw new AssertionError("no image this machine can assemble for " + reference);
        }
        synchronized (IMAGES) {
            Image built = IMAGES.get(dockerfile);
            if (built == null) {
                built = Image.build(repository, dockerfile, work.getParent().resolve("images").resolve(image));
                IMAGES.put(dockerfile, built);
            }
            return built;
        }
    }

    /** The JavaCPP cache directory the image's JVM options name; mounted from this machine's warm cache. */
    private static String javacppCache(Image image) {
        Matcher matcher = JAVACPP_CACHE.matcher(image.env().getOrDefault("JDK_JAVA_OPTIONS", ""));
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Path hostJavacppCache() {
        return Path.of(System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString()));
    }

    private void mountPoint(Path path) throws IOException {
        Path missing = null;
        for (Path p = path; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        if (missing != null) {
            Files.createDirectories(path);
            synchronized (createdMountPoints) {
                createdMountPoints.add(missing);
            }
        }
    }

    /** A Kubernetes memory quantity in bytes: binary (Ki, Mi, Gi, Ti) or decimal (k, M, G, T) suffixes. */
    static long bytes(String quantity) {
        Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(quantity);
        if (!matcher.matches()) {
            throw new AssertionError("unsupported memory quantity " + quantity);
        }
        long value = Long.parseLong(matcher.group(1));
        return matcher.group(2) == null ? value : value * switch (matcher.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
    }

    private static String randomToken() {
        StringBuilder token = new StringBuilder();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        for (int i = 0; i < 32; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs stop()
        }
        stop();
    }

    private synchronized void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        network.close();
        for (int i = createdMountPoints.size() - 1; i >= 0; i--) {
            Path top = createdMountPoints.get(i);
            try (var tree = Files.walk(top)) {
                List<Path> all = tree.sorted(java.util.Comparator.reverseOrder()).toList();
                for (Path path : all) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.err.println("could not remove mount point " + top + ": " + e);
            }
        }
        running.clear();
        createdMountPoints.clear();
    }
}
