package io.verso.cli.output;

/** {@code --output}: {@code table} for people, {@code json} (the registry's own JSON) for scripts. */
public enum OutputFormat {
    TABLE, JSON
}
