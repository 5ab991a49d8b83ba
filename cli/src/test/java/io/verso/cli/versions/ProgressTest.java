package io.verso.cli.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void drawsAFrameEachTimeThePercentageChangesAndEndsTheLine() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), 2048);

        progress.advance(512);
        progress.advance(1);
        progress.advance(1535);
        progress.finish();

        assertThat(err.toString()).isEqualTo(
                "\r[#######-----------------------]  25%  512 B / 2.0 KiB"
                        + "\r[##############################] 100%  2.0 KiB / 2.0 KiB" + System.lineSeparator());
    }

    @Test
    void noProgressWritesNothing() {
        Progress.NONE.advance(10);
        Progress.NONE.finish();
        assertThat(Progress.frame(0, 0, 10)).startsWith("[------------------------------]   0%");
    }
}
