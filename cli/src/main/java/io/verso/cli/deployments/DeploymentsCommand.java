package io.verso.cli.deployments;

import io.verso.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deployments", description = "Show where a model's traffic goes.", subcommands = {
        DeploymentsCommand.Show.class})
public final class DeploymentsCommand {

    @Command(name = "show", description = "Show a model's stable and canary versions, weight, labels and revision.")
    static final class Show implements Runnable {

        private final Session session;

        @Parameters(paramLabel = "MODEL")
        String model;

        Show(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.show(session.registry().get(DeploymentText.path(model)), DeploymentText::describe);
        }
    }
}
