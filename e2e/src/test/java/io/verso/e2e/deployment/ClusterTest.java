package io.verso.e2e.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kubernetes semantics RenderedChartIT applies to rendered containers without a kubelet. */
class ClusterTest {

    @Test
    void dependentEnvironmentVariablesExpandAsTheKubeletDoes() {
        Map<String, String> env = Map.of("POD_IP", "10.231.77.12");
        assertThat(Cluster.expand("http://$(POD_IP):8501", env)).isEqualTo("http://10.231.77.12:8501");
        assertThat(Cluster.expand("$(UNDEFINED)/x", env)).as("an unknown reference stays as written")
                .isEqualTo("$(UNDEFINED)/x");
        assertThat(Cluster.expand("$$(POD_IP)", env)).as("$$ escapes").isEqualTo("$(POD_IP)");
    }

    @Test
    void memoryQuantitiesBecomeBytes() {
        assertThat(Cluster.bytes("1Gi")).isEqualTo(1L << 30);
        assertThat(Cluster.bytes("1536Mi")).isEqualTo(1536L << 20);
        assertThat(Cluster.bytes("4096")).isEqualTo(4096);
        assertThat(Cluster.bytes("2G")).isEqualTo(2_000_000_000L);
        assertThatThrownBy(() -> Cluster.bytes("1.5Gi")).isInstanceOf(AssertionError.class);
    }
}
