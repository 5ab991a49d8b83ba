package io.verso.cli.deployments;

import io.verso.cli.Session;
import io.verso.cli.registry.Json;
import io.verso.cli.registry.RegistryResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** The deployment transitions (role deployer); each prints the deployment it produced. */
public final class TransitionCommands {

    private TransitionCommands() {
    }

    /** Posts {@code body} (with the reason) to {@code .../deployment/<action>} and shows the answer. */
    private static void apply(Session session, String model, String action, ObjectNode body,
                              TransitionOptions options) {
        if (options.reason != null) {
            body.put("reason", options.reason);
        }
        RegistryResponse answer = session.registry().post(DeploymentText.path(model) + "/" + action, body,
                options.headers());
        if (session.json()) {
            session.out().println(answer.body());
        } else {
            DeploymentText.describe(answer.json()).print(session.out());
        }
    }

    @Command(name = "canary", description = "Start (or replace) a canary that takes a share of the traffic.")
    public static final class Canary implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION")
        long version;

        @Option(names = "--weight", required = true, paramLabel = "PERCENT", description = "0–100")
        int weight;

        @Mixin
        TransitionOptions options;

        Canary(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            apply(session, model, "canary", Json.object().put("version", version).put("weight", weight), options);
        }
    }

    @Command(name = "weight", description = "Set the running canary's share of the traffic.")
    public static final class Weight implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "PERCENT", description = "0–100")
        int weight;

        @Mixin
        TransitionOptions options;

        Weight(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            apply(session, model, "weight", Json.object().put("weight", weight), options);
        }
    }

    @Command(name = "promote", description = "Make a version stable: the running canary when VERSION is left out.")
    public static final class Promote implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
        Long version;

        @Mixin
        TransitionOptions options;

        Promote(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            apply(session, model, "promote", Json.object().put("version", version), options);
        }
    }

    @Command(name = "rollback", description = "Go back to the previous stable version (or --to VERSION); "
            + "drops the canary.")
    public static final class Rollback implements Runnable {

        private final Session session;

        @Parameters(paramLabel = "MODEL")
        String model;

        @Option(names = "--to", paramLabel = "VERSION", description = "default: the previous stable version")
        Long version;

        @Mixin
        TransitionOptions options;

        Rollback(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            apply(session, model, "rollback", Json.object().put("version", version), options);
        }
    }
}
