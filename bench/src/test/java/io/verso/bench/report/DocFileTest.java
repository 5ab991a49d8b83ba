package io.verso.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocFileTest {

    @Test
    void replacesOnlyTheGeneratedSection() {
        String existing = "# Benchmarks\n\nintro\n\n" + DocFile.BEGIN + "\nold numbers\n" + DocFile.END
                + "\n\n## Analysis\n\nhand-written\n";
        String merged = DocFile.merge(existing, "new numbers\n");
        assertThat(merged).isEqualTo("# Benchmarks\n\nintro\n\n" + DocFile.BEGIN + "\nnew numbers\n" + DocFile.END
                + "\n\n## Analysis\n\nhand-written\n");
        assertThat(DocFile.merge(merged, "newer")).contains("newer").doesNotContain("new numbers")
                .contains("hand-written");
    }

    @Test
    void newOrUnmarkedFilesGetTheSection() {
        assertThat(DocFile.merge(null, "n")).isEqualTo("# Benchmarks\n\n" + DocFile.BEGIN + "\nn\n" + DocFile.END + "\n");
        assertThat(DocFile.merge("# Mine\n", "n")).startsWith("# Mine\n\n" + DocFile.BEGIN);
    }
}
