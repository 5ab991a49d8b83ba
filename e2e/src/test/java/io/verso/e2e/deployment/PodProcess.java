package io.verso.e2e.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container of a pod, run as a process in the pod's network namespace and a private mount namespace in which its
 * volumes are bind-mounted at their mount paths (the image's WORKDIR too) and, for a read-only root filesystem, / is
 * remounted read-only, so the program sees exactly the paths the manifests name. Its output goes to a log file.
 */
final class PodProcess implements AutoCloseable {

    /** A directory of this machine mounted at {@code path} in the container. */
    record Mount(Path source, String path, boolean readOnly) {
    }

    private final String name;
    private final Process process;
    private final Path log;

    private PodProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param namespacePrefix the command that enters the pod's network namespace
     * @param argv the container's command and arguments, as the image and the manifest make them
     * @param env the container's whole environment
     */
    static PodProcess start(String name, List<String> namespacePrefix, List<String> argv, Map<String, String> env,
                            List<Mount> mounts, String workdir, boolean readOnlyRoot, Path log) throws IOException {
        StringBuilder script = new StringBuilder("set -e\n");
        // A mount over a directory that holds other mounts' sources goes last: the pod's /tmp volume mounted first
        // would hide a work tree under /tmp (as a CI clone there is), and the later binds would find no source.
        List<Mount> ordered = new ArrayList<>(mounts);
        ordered.sort(Comparator.comparing((Mount mount) -> mounts.stream().anyMatch(other -> other != mount
                && other.source().toAbsolutePath().startsWith(Path.of(mount.path())))));
        for (Mount mount : ordered) {
            script.append("mount --bind '").append(mount.source()).append("' '").append(mount.path()).append("'\n");
            if (mount.readOnly()) {
                script.append("mount -o remount,bind,ro '").append(mount.path()).append("'\n");
            }
        }
        if (readOnlyRoot) {
            script.append("mount -o remount,bind,ro /\n");
        }
        script.append("cd '").append(workdir).append("'\nexec \"$@\"\n");
        List<String> command = new ArrayList<>(namespacePrefix);
        command.addAll(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script.toString(),
                name));
        command.addAll(argv);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new PodProcess(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the container to exit (a Job, a test pod); its exit code. */
    int awaitExit(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            close();
            throw new AssertionError(name + " did not finish within " + minutes + " min:\n" + logTail());
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        String all = log();
        return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
    }

    /** SIGTERM as the kubelet sends, then SIGKILL after a grace period, for the process and anything it started. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
