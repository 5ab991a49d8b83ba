package io.verso.cli.registry;

import io.verso.cli.CliFailure;
import io.verso.cli.ExitCodes;

/** The registry cannot be reached or failed (5xx): a later retry may succeed. */
public final class RegistryUnavailable extends CliFailure {

    RegistryUnavailable(String message, Throwable cause) {
        super(ExitCodes.UNAVAILABLE, message, cause);
    }
}
