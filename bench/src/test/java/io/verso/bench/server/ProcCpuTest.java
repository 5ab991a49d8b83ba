package io.verso.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

    /** A real /proc/<pid>/task/<tid>/stat line whose thread name contains a space and a parenthesis. */
    private static final String STAT = "4242 (GC Thread#0) S 1 4242 4242 0 -1 4194624 1500 0 0 0 "
            + "250 30 0 0 20 0 40 0 123 4096000 2000 18446744073709551615";

    @Test
    void readsNameAndUserPlusSystemTicks() {
        assertThat(ProcCpu.name(STAT)).isEqualTo("GC Thread#0");
        assertThat(ProcCpu.ticks(STAT)).isEqualTo(280);
        assertThat(ProcCpu.ticks(STAT.replace("(GC Thread#0)", "(weird) name)"))).isEqualTo(280);
    }

    @Test
    void groupsThreadsOfOnePool() {
        assertThat(ProcCpu.group("inference-12")).isEqualTo("inference");
        assertThat(ProcCpu.group("GC Thread#3")).isEqualTo("GC Thread");
        assertThat(ProcCpu.group("reactor-http-ep")).isEqualTo("reactor-http-ep");
        assertThat(ProcCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ProcCpu.group("42")).isEqualTo("42");
    }

    @Test
    void deltaKeepsOnlyGroupsThatUsedTime() {
        Map<String, Double> delta = ProcCpu.delta(Map.of("a", 1.0, "b", 2.0), Map.of("a", 1.0, "b", 3.5, "c", 0.5));
        assertThat(delta).containsOnly(Map.entry("b", 1.5), Map.entry("c", 0.5));
    }
}
