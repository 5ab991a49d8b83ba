package io.verso.cli;

/** What {@code verso} exits with; the help lists them (see {@link Verso}). */
public final class ExitCodes {

    public static final int OK = 0;
    /** A wrong command line, or a local file that cannot be used. */
    public static final int USAGE = 1;
    /** The registry answered 4xx: its problem detail is printed. */
    public static final int REFUSED = 2;
    /** The registry cannot be reached, or answered 5xx. */
    public static final int UNAVAILABLE = 3;
    /** No registry URL or token: neither options, environment nor {@code verso login}. */
    public static final int NOT_LOGGED_IN = 4;

    private ExitCodes() {
    }
}
