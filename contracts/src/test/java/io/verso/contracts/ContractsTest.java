package io.verso.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The records are values: immutable, so a cached desired state cannot be changed behind its revision. */
class ContractsTest {

    @Test
    void copiesCollectionsSoCallersCannotChangeThemLater() {
        List<DesiredVersion> versions = new ArrayList<>();
        versions.add(new DesiredVersion(1, Set.of(VersionRole.STABLE), "http://r/a", "ab", 3, "TAR_GZ", null));
        Map<String, Long> labels = new HashMap<>(Map.of("stable", 1L));

        DesiredModel model = new DesiredModel("m", versions, labels);
        versions.clear();
        labels.clear();

        assertThat(model.versions()).hasSize(1);
        assertThat(model.labels()).containsEntry("stable", 1L);
        assertThatThrownBy(() -> model.versions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiresARevision() {
        assertThatNullPointerException().isThrownBy(() -> new DesiredState(null, List.of()))
                .withMessage("revision");
        assertThatNullPointerException().isThrownBy(() -> new RoutingTable(null, List.of()))
                .withMessage("revision");
    }

    @Test
    void aPodStatusWithoutVersionsReportsNone() {
        assertThat(new PodStatus("pod-1", "http://10.0.0.1:8501", null, null).versions()).isEmpty();
    }

    /** An older registry sends no grpcPorts: none advertised, not a null for the gateway to trip on. */
    @Test
    void versionEndpointsWithoutGrpcPortsAdvertiseNoneAndKeepThemSortedAndCopied() {
        Map<String, Integer> ports = new HashMap<>(Map.of("http://b:8501", 9001, "http://a:8501", 9000));

        VersionEndpoints advertised = new VersionEndpoints(1, List.of("http://a:8501", "http://b:8501"), ports);
        ports.clear();

        assertThat(new VersionEndpoints(1, List.of("http://a:8501"), null).grpcPorts()).isEmpty();
        assertThat(advertised.grpcPorts()).containsExactly(Map.entry("http://a:8501", 9000),
                Map.entry("http://b:8501", 9001));
        assertThatThrownBy(() -> advertised.grpcPorts().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** The registry hashes the JSON of these records into the revision, so their order must not depend on the JVM. */
    @Test
    void keepsLabelsAndRolesInAFixedOrder() {
        DesiredVersion version = new DesiredVersion(2, Set.of(VersionRole.LABELED, VersionRole.STABLE,
                VersionRole.PREVIOUS_STABLE), "http://r/a", "ab", 3, "ZIP", null);
        ModelRoute route = new ModelRoute("m", 1, null, 0, 0, null, 0, Map.of("z", 1L, "a", 2L, "stable", 1L), List.of());

        assertThat(version.roles()).containsExactly(VersionRole.STABLE, VersionRole.PREVIOUS_STABLE,
                VersionRole.LABELED);
        assertThat(route.labels().keySet()).containsExactly("a", "stable", "z");
    }

    @Test
    void aShadowPercentNeedsAShadowVersionAndStaysWithinHundred() {
        assertThatThrownBy(() -> new ModelRoute("m", 1, null, 0, 0, null, 5, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelRoute("m", 1, null, 0, 0, 2L, 101, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ModelRoute("m", 1, null, 0, 0, 2L, 10, Map.of(), List.of()).shadowPercent()).isEqualTo(10);
    }

    @Test
    void aHistogramPutsEveryValueInExactlyOneBinWithOpenEndedOuterBins() {
        Histogram histogram = new Histogram(List.of(1.0, 2.0), List.of(0.25, 0.5, 0.25));

        assertThat(histogram.bin(-1e300)).isZero();
        assertThat(histogram.bin(0.999)).isZero();
        assertThat(histogram.bin(1.0)).isEqualTo(1);
        assertThat(histogram.bin(1.999)).isEqualTo(1);
        assertThat(histogram.bin(2.0)).isEqualTo(2);
        assertThat(histogram.bin(Double.POSITIVE_INFINITY)).isEqualTo(2);
    }

    @Test
    void refusesAHistogramThatCannotBeABaseline() {
        assertThatThrownBy(() -> new Histogram(List.of(), List.of(1.0)))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Histogram(List.of(2.0, 1.0), List.of(0.5, 0.25, 0.25)))
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> new Histogram(List.of(1.0), List.of(1.0)))
                .hasMessageContaining("one value more");
        assertThatThrownBy(() -> new Histogram(List.of(1.0), List.of(0.5, 0.6)))
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new Histogram(List.of(1.0), List.of(1.5, -0.5)))
                .hasMessageContaining("between 0 and 1");
    }
}
