package io.verso.cli.deployments;

import io.verso.cli.Session;
import io.verso.cli.registry.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** The deployment transitions (role deployer); each prints the deployment it produced. */
public final class TransitionCommands {

    private TransitionCommands() {
    }

    /**
     * Posts {@link #body()} with the reason to {@code .../deployment/<action>} and shows the answer; picocli reads the
     * model and the shared options from these fields in every subclass.
     */
    abstract static class Transition implements Runnable {

        private final Session session;
        private final String action;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Mixin
        TransitionOptions options;

        Transition(Session session, String action) {
            this.session = session;
            this.action = action;
        }

        abstract ObjectNode body();

        @Override
        public void run() {
            ObjectNode body = body();
            if (options.reason != null) {
                body.put("reason", options.reason);
            }
            session.show(session.registry().post(DeploymentText.path(model) + "/" + action, body, options.headers()),
                    DeploymentText::describe);
        }
    }

    @Command(name = "canary", description = "Start (or replace) a canary that takes a share of the traffic.")
    public static final class Canary extends Transition {

        @Parameters(index = "1", paramLabel = "VERSION")
        long version;

        @Option(names = "--weight", required = true, paramLabel = "PERCENT", description = "0–100")
        int weight;

        Canary(Session session) {
            super(session, "canary");
        }

        @Override
        ObjectNode body() {
            return Json.object().put("version", version).put("weight", weight);
        }
    }

    @Command(name = "weight", description = "Set the running canary's share of the traffic.")
    public static final class Weight extends Transition {

        @Parameters(index = "1", paramLabel = "PERCENT", description = "0–100")
        int weight;

        Weight(Session session) {
            super(session, "weight");
        }

        @Override
        ObjectNode body() {
            return Json.object().put("weight", weight);
        }
    }

    @Command(name = "promote", description = "Make a version stable: the running canary when VERSION is left out.")
    public static final class Promote extends Transition {

        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
        Long version;

        Promote(Session session) {
            super(session, "promote");
        }

        @Override
        ObjectNode body() {
            return Json.object().put("version", version);
        }
    }

    @Command(name = "rollback", description = "Go back to the previous stable version (or --to VERSION); "
            + "drops the canary. During a first canary (no previous stable version), or --to the stable version, "
            + "it only ends the canary.")
    public static final class Rollback extends Transition {

        @Option(names = "--to", paramLabel = "VERSION", description = "default: the previous stable version")
        Long version;

        Rollback(Session session) {
            super(session, "rollback");
        }

        @Override
        ObjectNode body() {
            return Json.object().put("version", version);
        }
    }
}
