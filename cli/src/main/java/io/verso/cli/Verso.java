package io.verso.cli;

import io.verso.cli.audit.AuditCommand;
import io.verso.cli.audit.WatchCommand;
import io.verso.cli.deployments.DeploymentsCommand;
import io.verso.cli.deployments.RolloutCommand;
import io.verso.cli.deployments.TransitionCommands;
import io.verso.cli.login.LoginCommand;
import io.verso.cli.models.ModelsCommand;
import io.verso.cli.tokens.TokensCommand;
import io.verso.cli.output.OutputFormat;
import io.verso.cli.versions.VersionsCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "verso", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Verso.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Administer a Verso registry: models, versions, canary rollouts and their audit trail.",
        subcommands = {LoginCommand.class, ModelsCommand.class, VersionsCommand.class, DeploymentsCommand.class,
                TransitionCommands.Canary.class, TransitionCommands.Weight.class, TransitionCommands.Promote.class,
                TransitionCommands.Rollback.class, RolloutCommand.class, WatchCommand.class, AuditCommand.class,
                TokensCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  VERSO_REGISTRY_URL, VERSO_TOKEN  override the login's registry and token",
                "  XDG_CONFIG_HOME                  holds verso/config.json (default ~/.config)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:usage error: wrong arguments, or a local file that cannot be used",
                "2:the registry refused the call (4xx); its problem detail is printed",
                "3:the registry cannot be reached, or failed (5xx)",
                "4:not logged in: no registry URL or token (run 'verso login')"})
public final class Verso implements Runnable {

    @Option(names = "--registry", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "registry base URL, e.g. http://localhost:8090 (else VERSO_REGISTRY_URL, else the login)")
    String registry;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "API token (else VERSO_TOKEN, else the login)")
    String token;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            defaultValue = "table", description = "table (default) or json: the registry's JSON, for scripts")
    OutputFormat output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(Terminal.system(), args));
    }

    /** Runs one command line; answers its exit code (see {@link ExitCodes}). */
    public static int execute(Terminal terminal, String... args) {
        Verso root = new Verso();
        Session session = new Session(terminal, root);
        CommandLine cli = new CommandLine(root, session.factory())
                .setOut(terminal.out())
                .setErr(terminal.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Verso::failed)
                .setParameterExceptionHandler(Verso::misused);
        return cli.execute(args);
    }

    /** {@code verso} alone: there is nothing to do, so it is a usage error that shows the commands. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof CliFailure failure) {
            command.getErr().println("verso: " + failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            command.getErr().println("verso: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        throw e;
    }

    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("verso: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr())) {
            command.usage(command.getErr());
        }
        return ExitCodes.USAGE;
    }

    /** The jar's Implementation-Version; a build from the IDE has none. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Verso.class.getPackage().getImplementationVersion();
            return new String[] {"verso " + (version == null ? "(development build)" : version)};
        }
    }
}
