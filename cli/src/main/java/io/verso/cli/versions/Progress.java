package io.verso.cli.versions;

import io.verso.cli.output.Text;
import java.io.PrintWriter;

/**
 * An upload's progress bar on stderr, redrawn in place ({@code \r}) each time the whole percentage changes, so a
 * large upload draws at most 101 frames. Only shown to a person: a script's stderr gets nothing.
 */
class Progress {

    static final Progress NONE = new Progress(null, 1);
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private long sent;
    private int shownPercent = -1;

    Progress(PrintWriter err, long total) {
        this.err = err;
        this.total = Math.max(total, 1);
    }

    synchronized void advance(long bytes) {
        sent += bytes;
        int percent = (int) Math.min(100, sent * 100 / total);
        if (percent != shownPercent && err != null) {
            shownPercent = percent;
            err.print("\r" + frame(percent, sent, total));
            err.flush();
        }
    }

    /** Ends the bar's line, so what follows starts on its own. */
    synchronized void finish() {
        if (err != null && shownPercent >= 0) {
            err.println();
            err.flush();
        }
    }

    /** E.g. {@code [#############-----------------]  45%  12.3 MiB / 27.4 MiB}. */
    static String frame(int percent, long sent, long total) {
        int filled = percent * WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent) + "  "
                + Text.bytes(Math.min(sent, total)) + " / " + Text.bytes(total);
    }
}
