package io.verso.cli.tokens;

import io.verso.cli.Session;
import io.verso.cli.output.Table;
import io.verso.cli.output.Text;
import io.verso.cli.registry.Json;
import io.verso.cli.registry.RegistryClient;
import io.verso.cli.registry.RegistryResponse;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "tokens", description = "List, issue and revoke the registry's API tokens (role admin).",
        subcommands = {TokensCommand.ListTokens.class, TokensCommand.Create.class, TokensCommand.Revoke.class})
public final class TokensCommand {

    @Command(name = "list", description = "Every token with its role, scope, state and bound pod; never a secret.")
    static final class ListTokens implements Runnable {

        private final Session session;

        ListTokens(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            RegistryResponse tokens = session.registry().get("api/v1/tokens");
            if (session.json()) {
                session.out().println(tokens.body());
                return;
            }
            Table table = Table.of("NAME", "ROLE", "SOURCE", "LIVE", "MODELS", "FEEDBACK", "EXPIRES", "POD");
            for (JsonNode token : tokens.json()) {
                table.row(Text.field(token, "name"), Text.field(token, "role"), Text.field(token, "source"),
                        token.get("live").asBoolean() ? "yes" : "no", models(token),
                        token.get("feedback").asBoolean() ? "yes" : "no", Text.field(token, "expiresAt"),
                        Text.field(token, "boundPodId"));
            }
            table.print(session.out());
        }

        private static String models(JsonNode token) {
            JsonNode models = token.get("models");
            if (models == null || !models.isArray()) {
                return "all";
            }
            return String.join(",", models.valueStream().map(JsonNode::asString).toList());
        }
    }

    @Command(name = "create", description = {"Issue a token and print its secret: the only time it is shown.",
            "Roles: viewer, deployer, admin, publisher, pod, gateway, client (gateway API keys)."})
    static final class Create implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "NAME", description = "the actor name the audit trail will show")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Option(names = "--models", paramLabel = "M1,M2", split = ",",
                description = "client keys: the models the key may call at the gateway (default: all)")
        List<String> models;

        @Option(names = "--feedback", description = "client keys: may post feedback labels at the gateway")
        boolean feedback;

        @Option(names = "--expires", paramLabel = "INSTANT", description = "when it stops working, e.g. 2027-01-31T00:00:00Z")
        Instant expires;

        Create(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            ObjectNode body = Json.object().put("name", name).put("role", role);
            if (models != null) {
                ArrayNode list = body.putArray("models");
                models.forEach(list::add);
            }
            if (feedback) {
                body.put("feedback", true);
            }
            if (expires != null) {
                body.put("expiresAt", expires.toString());
            }
            RegistryResponse created = session.registry().post("api/v1/tokens", body);
            if (session.json()) {
                session.out().println(created.body());
                return;
            }
            session.out().println("Issued token " + Text.field(created.json(), "name") + " ("
                    + Text.field(created.json(), "role") + "). Its secret, shown only now:");
            session.out().println(Text.field(created.json(), "token"));
        }
    }

    @Command(name = "revoke", description = "Revoke a token at once; its name may be issued again.")
    static final class Revoke implements Runnable {

        private final Session session;

        @Parameters(paramLabel = "NAME")
        String name;

        Revoke(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.registry().delete("api/v1/tokens/" + RegistryClient.segment(name));
            if (!session.json()) {
                session.out().println("Revoked token " + name);
            }
        }
    }
}
