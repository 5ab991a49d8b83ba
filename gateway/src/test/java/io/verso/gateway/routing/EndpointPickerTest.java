package io.verso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointPickerTest {

    private static final List<String> PODS = List.of("a", "b", "c");

    @Test
    void roundRobinTakesPodsInTurnAndSkipsUnavailableOnes() {
        RoundRobinPicker picker = new RoundRobinPicker(pod -> !pod.equals("b"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(picker.pick(PODS, Set.of()).orElseThrow());
        }
        assertThat(picked).containsExactly("a", "c", "a", "c");
    }

    @Test
    void triedPodsAreNeverPickedAgainAndUnavailableOnesAreTheLastResort() {
        RoundRobinPicker picker = new RoundRobinPicker(pod -> pod.equals("a"));
        assertThat(picker.pick(PODS, Set.of("a"))).hasValueSatisfying(pod -> assertThat(pod).isIn("b", "c"));
        assertThat(picker.pick(PODS, Set.of("a", "b", "c"))).isEmpty();
    }

    @Test
    void leastOutstandingPrefersTheIdlestPod() {
        OutstandingRequests outstanding = new OutstandingRequests();
        outstanding.started("a");
        outstanding.started("a");
        outstanding.started("b");
        LeastOutstandingPicker picker = new LeastOutstandingPicker(pod -> true, outstanding);
        assertThat(picker.pick(PODS, Set.of())).contains("c");
        outstanding.started("c");
        outstanding.started("c");
        assertThat(picker.pick(PODS, Set.of())).contains("b");
    }

    @Test
    void podHealthTracksDownAndUp() {
        PodHealth health = new PodHealth();
        assertThat(health.markDown("a")).isTrue();
        assertThat(health.isUp("a")).isFalse();
        assertThat(health.markUp("a")).isTrue();
        assertThat(health.isUp("a")).isTrue();
    }
}
