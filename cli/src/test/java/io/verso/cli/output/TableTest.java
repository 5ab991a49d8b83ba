package io.verso.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void padsColumnsToTheWidestCellAndShowsNullAsADash() {
        StringWriter text = new StringWriter();
        Table.of("NAME", "LATEST", "OWNER").row("half_plus_two", 2, null).row("simple", 10, "ml-team")
                .print(new PrintWriter(text));

        assertThat(text.toString().lines()).containsExactly(
                "NAME           LATEST  OWNER",
                "half_plus_two  2       -",
                "simple         10      ml-team");
    }

    @Test
    void refusesARowOfTheWrongLength() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyValuesAlignTheirValues() {
        StringWriter text = new StringWriter();
        new KeyValues().add("stable", 1).add("previous stable", null).print(new PrintWriter(text));

        assertThat(text.toString().lines()).containsExactly("stable           1", "previous stable  -");
    }

    @Test
    void formatsSizesAndDigests() {
        assertThat(Text.bytes(512)).isEqualTo("512 B");
        assertThat(Text.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Text.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
        assertThat(Text.shortSha("0123456789abcdef0123")).isEqualTo("0123456789ab");
    }
}
