package io.verso.e2e.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private pod network on this machine, as a cluster gives each pod: one network namespace per pod with its own
 * address on a bridge, and a hosts file per namespace ({@code /etc/netns/<ns>/hosts}, which {@code ip netns exec}
 * mounts over /etc/hosts) that resolves every Service name to the address of a pod behind it, as cluster DNS would.
 * The subnet is {@value #SUBNET}.0/24; the test's own JVM reaches the pods through the bridge's address .1. Nothing
 * is routed beyond the bridge. {@link #close} removes the namespaces, their hosts files and the bridge, and a new
 * network first removes what a killed run may have left.
 */
final class PodNetwork implements AutoCloseable {

    static final String SUBNET = "10.231.77";
    private static final String PREFIX = "vrc";
    private static final String BRIDGE = PREFIX + "br0";

    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private boolean forwardRule;

    private PodNetwork() {
    }

    static PodNetwork create() throws IOException, InterruptedException {
        removeLeftovers();
        String routes = output(List.of("ip", "-4", "route", "show"));
        if (routes.contains(SUBNET + ".")) {
            throw new IllegalStateException("this machine already routes " + SUBNET + ".0/24: " + routes);
        }
        PodNetwork network = new PodNetwork();
        try {
            run("ip", "link", "add", BRIDGE, "type", "bridge");
            run("ip", "addr", "add", SUBNET + ".1/24", "dev", BRIDGE);
            run("ip", "link", "set", BRIDGE, "up");
            // Where Docker (or anything else) made bridged traffic go through iptables with a FORWARD policy of DROP,
            // pod-to-pod traffic on this bridge needs its own accept rule. A machine without the iptables tool has
            // no such policy (br_netfilter may still be loaded), and nothing to add the rule with.
            if (Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables"))
                    && "1".equals(Files.readString(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables")).trim())
                    && onPath("iptables")) {
                run("iptables", "-I", "FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-j", "ACCEPT");
                network.forwardRule = true;
            }
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** Gives {@code pod} its namespace and address; returns the address. */
    String add(String pod) throws IOException, InterruptedException {
        int index = namespaces.size() + 1;
        String namespace = PREFIX + "-" + index;
        String address = SUBNET + "." + (10 + index);
        run("ip", "netns", "add", namespace);
        namespaces.put(pod, namespace);
        addresses.put(pod, address);
        String host = PREFIX + index + "h";
        String peer = PREFIX + index + "p";
        run("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
        run("ip", "link", "set", host, "master", BRIDGE);
        run("ip", "link", "set", host, "up");
        run("ip", "link", "set", peer, "netns", namespace);
        run("ip", "-n", namespace, "addr", "add", address + "/24", "dev", peer);
        run("ip", "-n", namespace, "link", "set", peer, "up");
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        return address;
    }

    String address(String pod) {
        return addresses.get(pod);
    }

    /** Writes every namespace's hosts file: localhost, the pod's own name, and {@code names} (address → names). */
    void hosts(Map<String, List<String>> names) throws IOException {
        StringBuilder shared = new StringBuilder();
        names.forEach((address, hostNames) -> shared.append(address).append(' ')
                .append(String.join(" ", hostNames)).append('\n'));
        for (Map.Entry<String, String> pod : namespaces.entrySet()) {
            Path file = Path.of("/etc/netns", pod.getValue(), "hosts");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "127.0.0.1 localhost\n" + addresses.get(pod.getKey()) + " " + pod.getKey()
                    + "\n" + shared);
        }
    }

    /** The command prefix that runs a program in {@code pod}'s namespace (with its hosts file). */
    List<String> exec(String pod) {
        return List.of("ip", "netns", "exec", namespaces.get(pod));
    }

    @Override
    public void close() {
        for (String namespace : namespaces.values()) {
            quietly("ip", "netns", "del", namespace);
            deleteTree(Path.of("/etc/netns", namespace));
        }
        if (forwardRule) {
            quietly("iptables", "-D", "FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-j", "ACCEPT");
        }
        quietly("ip", "link", "del", BRIDGE);
    }

    private static void removeLeftovers() throws IOException, InterruptedException {
        for (String line : output(List.of("ip", "netns", "list")).split("\n")) {
            String namespace = line.split(" ")[0];
            if (namespace.startsWith(PREFIX + "-")) {
                quietly("ip", "netns", "del", namespace);
                deleteTree(Path.of("/etc/netns", namespace));
            }
        }
        if (output(List.of("ip", "link", "show")).contains(BRIDGE + ":")) {
            quietly("ip", "link", "del", BRIDGE);
        }
    }

    private static void deleteTree(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                try (var files = Files.walk(directory)) {
                    List<Path> all = new ArrayList<>(files.toList());
                    for (int i = all.size() - 1; i >= 0; i--) {
                        Files.deleteIfExists(all.get(i));
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("could not remove " + directory + ": " + e);
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void quietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            System.err.println(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                        .split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
