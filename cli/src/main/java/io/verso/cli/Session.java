package io.verso.cli;

import io.verso.cli.login.Credentials;
import io.verso.cli.output.KeyValues;
import io.verso.cli.output.OutputFormat;
import io.verso.cli.registry.RegistryClient;
import io.verso.cli.registry.RegistryResponse;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.function.Function;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * One run of {@code verso}: the terminal and the global options; every command gets it through its constructor
 * (see {@link #factory()}).
 */
public final class Session {

    private final Terminal terminal;
    private final Verso root;

    Session(Terminal terminal, Verso root) {
        this.terminal = terminal;
        this.root = root;
    }

    public Terminal terminal() {
        return terminal;
    }

    public PrintWriter out() {
        return terminal.out();
    }

    public PrintWriter err() {
        return terminal.err();
    }

    public boolean json() {
        return root.output == OutputFormat.JSON;
    }

    /** The registry's answer as it came with {@code --output json}, else as {@code forPeople} lays it out. */
    public void show(RegistryResponse answer, Function<JsonNode, KeyValues> forPeople) {
        if (json()) {
            out().println(answer.body());
        } else {
            forPeople.apply(answer.json()).print(out());
        }
    }

    /** The logged-in registry; exit code 4 when there is none. */
    public RegistryClient registry() {
        Credentials credentials = Credentials.resolve(root.registry, root.token, terminal);
        return new RegistryClient(credentials.registry(), credentials.token());
    }

    /** The {@code --registry} and {@code --token} given on this command line, null where absent. */
    public String registryOption() {
        return root.registry;
    }

    public String tokenOption() {
        return root.token;
    }

    /** Builds commands whose constructor takes the session, and the rest (mixins, converters) as picocli does. */
    CommandLine.IFactory factory() {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Constructor<K> constructor;
                try {
                    constructor = type.getDeclaredConstructor(Session.class);
                } catch (NoSuchMethodException noSessionConstructor) {
                    return fallback.create(type);
                }
                constructor.setAccessible(true);
                return constructor.newInstance(Session.this);
            }
        };
    }
}
