package io.verso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.contracts.ModelRoute;
import io.verso.contracts.RoutingTable;
import io.verso.gateway.testsupport.Routes;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tables replace each other whole, except where failing static keeps a stable version's last known pods. */
class CurrentRoutingTest {

    private static final InferencePath PREDICT = InferencePath.parse("/v1/models/m:predict");

    private final CurrentRouting routing = CurrentRouting.fromRegistry(null, Map.of());

    @Test
    void aStableVersionLeftWithoutPodsKeepsItsLastKnownOnesUntilATableListsSome() {
        routing.update(table("r1", Routes.model("m").stable(1, "http://a", "http://b").build()));
        // As a registry recovering from a database outage publishes it: every pod report expired.
        routing.update(table("r2", Routes.model("m").stable(1).build()));

        assertThat(routing.get().revision()).isEqualTo("r2");
        assertThat(decide().endpoints()).containsExactly("http://a", "http://b");

        routing.update(table("r3", Routes.model("m").stable(1).build()));
        assertThat(decide().endpoints()).containsExactly("http://a", "http://b");

        routing.update(table("r4", Routes.model("m").stable(1, "http://c").build()));
        assertThat(decide().endpoints()).containsExactly("http://c");
    }

    @Test
    void aPodsAdvertisedGrpcPortFollowsItIntoKeptPodsAndLeavesWhenItStopsAdvertising() {
        routing.update(table("r1", Routes.model("m").stable(1, "http://a:8501", "http://b:8501")
                .grpcPort("http://a:8501", 9001).build()));
        assertThat(routing.get().grpcPort("http://a:8501")).isEqualTo(9001);
        assertThat(routing.get().grpcPort("http://b:8501")).as("advertised none").isNull();

        routing.update(table("r2", Routes.model("m").stable(1).build()));
        assertThat(routing.get().grpcPort("http://a:8501")).as("kept with the last known pods").isEqualTo(9001);

        routing.update(table("r3", Routes.model("m").stable(1, "http://a:8501").build()));
        assertThat(routing.get().grpcPort("http://a:8501")).isNull();
    }

    @Test
    void aStableVersionNoPodServedGetsNoOldPodsAndACanaryWithoutPodsGetsNoTraffic() {
        routing.update(table("r1", Routes.model("m").stable(1, "http://a").canary(2, 50, "http://b").build()));
        routing.update(table("r2", Routes.model("m").stable(3).build()));

        assertThatThrownBy(this::decide).isInstanceOf(RoutingProblem.class)
                .hasMessageContaining("no pod serves version 3");

        routing.update(table("r3", Routes.model("m").stable(1, "http://a").canary(2, 50, "http://b").build()));
        routing.update(table("r4", Routes.model("m").stable(1, "http://a").canary(2, 50).build()));
        for (int i = 0; i < 50; i++) {
            assertThat(decide().version()).isEqualTo(1);
        }
    }

    @Test
    void aPromotedCanaryKeepsThePodsThatServedIt() {
        routing.update(table("r1", Routes.model("m").stable(1, "http://a").canary(2, 50, "http://b").build()));
        routing.update(table("r2", Routes.model("m").stable(2).build()));

        assertThat(decide().endpoints()).containsExactly("http://b");
    }

    @Test
    void aModelNeverServedHasNoPodsToKeep() {
        routing.update(table("r1", Routes.model("m").stable(1).build()));

        assertThatThrownBy(this::decide).isInstanceOf(RoutingProblem.class);
    }

    private RouteDecision decide() {
        return Router.decide(routing.get(), PREDICT, null, new Random());
    }

    private static RoutingTable table(String revision, ModelRoute... routes) {
        return new RoutingTable(revision, List.of(routes));
    }
}
