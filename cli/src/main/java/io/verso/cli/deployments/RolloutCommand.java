package io.verso.cli.deployments;

import io.verso.cli.Session;
import io.verso.cli.output.KeyValues;
import io.verso.cli.output.Text;
import io.verso.cli.registry.Json;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Progressive rollouts under the registry's canary analysis: it raises the canary's weight step by step while the
 * canary holds up against stable, promotes it after the last step and rolls it back at the first failing metric.
 */
@Command(name = "rollout", description = "Roll a version out step by step under canary analysis.", subcommands = {
        RolloutCommand.Start.class, RolloutCommand.Show.class, RolloutCommand.Pause.class,
        RolloutCommand.Resume.class, RolloutCommand.Abort.class})
public final class RolloutCommand {

    static String path(String model) {
        return DeploymentText.path(model) + "/rollout";
    }

    /** The registry's rollout view as people read it. */
    static KeyValues describe(JsonNode rollout) {
        JsonNode evaluation = rollout.get("lastEvaluation");
        boolean evaluated = evaluation != null && !evaluation.isNull();
        return new KeyValues()
                .add("model", Text.field(rollout, "model"))
                .add("version", Text.field(rollout, "version"))
                .add("phase", Text.field(rollout, "phase"))
                .add("weight", rollout.get("weight").asInt() + "% (step " + (rollout.get("step").asInt() + 1)
                        + " of " + rollout.get("steps").size() + ": " + rollout.get("steps") + ")")
                .add("next evaluation", Text.field(rollout, "nextEvaluationAt"))
                .add("last evaluation", evaluated ? Text.field(evaluation, "outcome") + ": "
                        + Text.field(evaluation, "reason") : null)
                .add("outcome", Text.field(rollout, "outcome"))
                .add("started", Text.field(rollout, "startedBy") + " at " + Text.field(rollout, "startedAt"));
    }

    @Command(name = "start", description = "Start a canary at the first step; the registry takes it from there.")
    static final class Start implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION")
        long version;

        @Option(names = "--steps", split = ",", paramLabel = "PERCENT",
                description = "canary weights, rising, ending with 100 (promote); default 5,25,50,100")
        List<Integer> steps;

        @Option(names = "--min-step-seconds", paramLabel = "SECONDS",
                description = "least time at each step (default 300)")
        Long minStepSeconds;

        @Option(names = "--min-step-requests", paramLabel = "N",
                description = "least canary calls at each step (default 200)")
        Long minStepRequests;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit trail")
        String reason;

        Start(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            ObjectNode body = Json.object().put("version", version).put("reason", reason)
                    .put("minStepIntervalSeconds", minStepSeconds).put("minStepRequests", minStepRequests);
            if (steps != null) {
                ArrayNode weights = body.putArray("steps");
                steps.forEach(weights::add);
            }
            session.show(session.registry().post(path(model), body), RolloutCommand::describe);
        }
    }

    @Command(name = "show", description = "The model's latest rollout: phase, step, last evaluation, outcome.")
    static final class Show implements Runnable {

        private final Session session;

        @Parameters(paramLabel = "MODEL")
        String model;

        Show(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.show(session.registry().get(path(model)), RolloutCommand::describe);
        }
    }

    /** pause, resume and abort: a POST with an optional reason. */
    abstract static class Action implements Runnable {

        private final Session session;
        private final String action;

        @Parameters(paramLabel = "MODEL")
        String model;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit trail")
        String reason;

        Action(Session session, String action) {
            this.session = session;
            this.action = action;
        }

        @Override
        public void run() {
            session.show(session.registry().post(path(model) + "/" + action, Json.object().put("reason", reason)),
                    RolloutCommand::describe);
        }
    }

    @Command(name = "pause", description = "Stop evaluating; the canary keeps its weight.")
    static final class Pause extends Action {
        Pause(Session session) {
            super(session, "pause");
        }
    }

    @Command(name = "resume", description = "Evaluate again.")
    static final class Resume extends Action {
        Resume(Session session) {
            super(session, "resume");
        }
    }

    @Command(name = "abort", description = "End the rollout and roll its canary back (stable stays).")
    static final class Abort extends Action {
        Abort(Session session) {
            super(session, "abort");
        }
    }
}
