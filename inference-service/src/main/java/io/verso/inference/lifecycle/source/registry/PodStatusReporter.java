package io.verso.inference.lifecycle.source.registry;

import io.verso.contracts.PodStatus;
import io.verso.contracts.ServingState;
import io.verso.contracts.VersionStatus;
import io.verso.inference.lifecycle.ModelManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the registry what this pod serves: at once after any version changes state (the manager's listener only
 * releases a permit, so loads never wait on the network), and every heartbeat so the pod does not expire. Reports
 * that fail are simply sent again at the next change or heartbeat. Each report advertises the pod's gRPC port (when
 * it serves gRPC), so gateways reach it there rather than guessing from the REST port.
 */
public final class PodStatusReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodStatusReporter.class);

    private final RegistryClient client;
    private final ModelManager manager;
    private final RegistryModelSource source;
    private final String podId;
    private final String endpoint;
    private final Integer grpcPort;
    private final Duration heartbeat;
    private final Semaphore changes = new Semaphore(0);
    private volatile Thread thread;

    PodStatusReporter(RegistryClient client, ModelManager manager, RegistryModelSource source, String podId,
                      String endpoint, Integer grpcPort, Duration heartbeat) {
        this.client = client;
        this.manager = manager;
        this.source = source;
        this.podId = podId;
        this.endpoint = endpoint;
        this.grpcPort = grpcPort;
        this.heartbeat = heartbeat;
    }

    public void start() {
        manager.addChangeListener(changes::release);
        Thread reporter = new Thread(this::run, "pod-status-reporter");
        reporter.setDaemon(true);
        thread = reporter;
        reporter.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                changes.tryAcquire(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                changes.drainPermits();
                client.report(status());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("Pod status report failed: {}", e.toString());
            }
        }
    }

    /** Every version the pod holds or tried to hold; unloaded ones are left out. */
    PodStatus status() {
        List<VersionStatus> versions = new ArrayList<>();
        Set<RegistryModelSource.VersionKey> reported = new HashSet<>();
        for (String model : manager.models()) {
            for (io.verso.inference.model.VersionStatus version : manager.status(model)) {
                ServingState state = switch (version.state()) {
                    case START, LOADING -> ServingState.LOADING;
                    case AVAILABLE -> ServingState.AVAILABLE;
                    case ERROR -> ServingState.ERROR;
                    case UNLOADING, END -> null;
                };
                if (state != null) {
                    versions.add(new VersionStatus(model, version.version(), state, version.error()));
                    reported.add(new RegistryModelSource.VersionKey(model, version.version()));
                }
            }
        }
        source.fetchErrors().forEach((key, reason) -> {
            if (reported.add(key)) {
                versions.add(new VersionStatus(key.model(), key.version(), ServingState.ERROR, reason));
            }
        });
        return new PodStatus(podId, endpoint, grpcPort, versions);
    }

    @Override
    public void close() {
        Thread reporter = thread;
        thread = null;
        if (reporter != null) {
            reporter.interrupt();
        }
    }
}
