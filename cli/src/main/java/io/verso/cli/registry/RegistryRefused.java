package io.verso.cli.registry;

import io.verso.cli.CliFailure;
import io.verso.cli.ExitCodes;

/** The registry answered 4xx: the call is wrong or not allowed, so repeating it will not help. */
public final class RegistryRefused extends CliFailure {

    RegistryRefused(Problem problem) {
        super(ExitCodes.REFUSED, "the registry refused: " + problem.describe());
    }
}
