package io.verso.bench.suite;

/** What a cell's requests go to. Each target is one server configuration, started once for all its cells. */
public enum Target {
    POD_OFF("pod, batching off"),
    POD_ON("pod, batching on (64 rows, 5 ms)"),
    GATEWAY("gateway → pod (batching off)"),
    POD_TRACED("pod, batching off, every request traced"),
    NGINX("nginx `return 200`"),
    NETTY("bare Reactor Netty");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
