package io.verso.cli.audit;

import io.verso.cli.Session;
import io.verso.cli.deployments.DeploymentText;
import io.verso.cli.registry.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "watch", description = {
        "Show a model's deployment live: its stable and canary versions and weight, and each audit event as it"
                + " happens. Ctrl-C ends; --until ends it (exit 0) when that event happens, for scripts.",
        "With --output json: one JSON object per line, the deployment (it has \"state\") or an event (it has"
                + " \"action\")."})
public final class WatchCommand implements Runnable {

    /** {@code --until} values → the audit action that ends the watch. */
    static final Map<String, String> UNTIL = Map.of(
            "promoted", "PROMOTE",
            "rolled-back", "ROLLBACK",
            "canary-started", "CANARY",
            "weight-changed", "SET_WEIGHT",
            "label-set", "SET_LABEL",
            "label-removed", "REMOVE_LABEL");

    private final Session session;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Option(names = "--until", paramLabel = "EVENT", completionCandidates = UntilCandidates.class,
            description = "stop when this happens: ${COMPLETION-CANDIDATES}")
    String until;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = IntervalConverter.class,
            description = "how often to ask the registry (default 2s)")
    Duration interval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public WatchCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String untilAction = untilAction();
        DeploymentFollower follower = new DeploymentFollower(session.registry(), model);
        show(follower.start());
        while (DeploymentFollower.pause(interval)) {
            DeploymentFollower.Change change = follower.poll().orElse(null);
            if (change == null) {
                continue;
            }
            boolean done = false;
            for (JsonNode event : change.events()) {
                session.out().println(session.json() ? Json.line(event) : "  " + EventText.line(event));
                done |= event.get("action").asString().equals(untilAction);
            }
            show(change.deployment());
            if (done) {
                return;
            }
        }
    }

    private String untilAction() {
        if (until == null) {
            return null;
        }
        String action = UNTIL.get(until);
        if (action == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--until must be one of "
                    + String.join(", ", new UntilCandidates()) + ", but was '" + until + "'");
        }
        return action;
    }

    private void show(JsonNode deployment) {
        PrintWriter out = session.out();
        out.println(session.json() ? Json.line(deployment) : DeploymentText.summary(deployment));
        out.flush();
    }

    static final class UntilCandidates extends ArrayList<String> {
        UntilCandidates() {
            super(UNTIL.keySet().stream().sorted().toList());
        }
    }
}
