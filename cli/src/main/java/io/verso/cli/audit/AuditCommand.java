package io.verso.cli.audit;

import io.verso.cli.Session;
import io.verso.cli.deployments.DeploymentText;
import io.verso.cli.output.Table;
import io.verso.cli.registry.Json;
import io.verso.cli.registry.RegistryClient;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "audit", description = {
        "Show a model's deployment audit trail, oldest first; --follow keeps printing new events (Ctrl-C ends).",
        "With --output json: the registry's history page, or with --follow one JSON event per line."})
public final class AuditCommand implements Runnable {

    private final Session session;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "how many of the latest events to show first, 1–200 (default 20)")
    int limit;

    @Option(names = {"-f", "--follow"}, description = "keep printing events as they happen")
    boolean follow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = IntervalConverter.class,
            description = "how often --follow asks the registry (default 2s)")
    Duration interval;

    public AuditCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        RegistryClient registry = session.registry();
        if (session.json() && !follow) {
            session.out().println(registry.get(DeploymentText.path(model) + "/history?size=" + limit).body());
            return;
        }
        DeploymentFollower follower = new DeploymentFollower(registry, model);
        if (!follow) {
            Table table = EventText.table();
            follower.latest(limit).forEach(event -> EventText.addRow(table, event));
            table.print(session.out());
            return;
        }
        follower.start();
        print(follower.latest(limit));
        while (DeploymentFollower.pause(interval)) {
            follower.poll().ifPresent(change -> print(change.events()));
        }
    }

    private void print(List<JsonNode> events) {
        for (JsonNode event : events) {
            session.out().println(session.json() ? Json.line(event) : EventText.line(event));
        }
        session.out().flush();
    }
}
