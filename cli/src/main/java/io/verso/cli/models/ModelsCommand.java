package io.verso.cli.models;

import io.verso.cli.Session;
import io.verso.cli.output.Paging;
import io.verso.cli.output.Table;
import io.verso.cli.output.Text;
import io.verso.cli.registry.Json;
import io.verso.cli.registry.RegistryResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "models", description = "List and create models.", subcommands = {
        ModelsCommand.ListModels.class, ModelsCommand.Create.class})
public final class ModelsCommand {

    @Command(name = "list", description = "List models by name.")
    static final class ListModels implements Runnable {

        private final Session session;

        @Mixin
        Paging paging;

        ListModels(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            RegistryResponse page = session.registry().get("api/v1/models" + paging.query());
            if (session.json()) {
                session.out().println(page.body());
                return;
            }
            Table table = Table.of("NAME", "LATEST", "OWNER", "ARCHIVED", "DESCRIPTION");
            for (JsonNode model : page.json().get("items")) {
                table.row(Text.field(model, "name"), model.get("latestVersion").asLong(), Text.field(model, "owner"),
                        model.get("archived").asBoolean() ? "yes" : "no", Text.field(model, "description"));
            }
            table.print(session.out());
            paging.printMore(page.json(), session.out());
        }
    }

    @Command(name = "create", description = "Create a model (role deployer).")
    static final class Create implements Runnable {

        private final Session session;

        @Parameters(paramLabel = "NAME", description = "letters, digits, '.', '_' or '-'")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--owner", paramLabel = "TEAM", description = "default: the token's name")
        String owner;

        Create(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            RegistryResponse created = session.registry().post("api/v1/models",
                    Json.object().put("name", name).put("description", description).put("owner", owner));
            if (session.json()) {
                session.out().println(created.body());
            } else {
                session.out().println("Created model " + Text.field(created.json(), "name") + " (owner "
                        + Text.field(created.json(), "owner") + ")");
            }
        }
    }
}
