package io.verso.cli;

/** A command that cannot complete, with the exit code that tells a script why; the message is shown as is. */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The command line or a local file the user named is wrong. */
    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }

    public static CliFailure notLoggedIn(String message) {
        return new CliFailure(ExitCodes.NOT_LOGGED_IN, message);
    }
}
