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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

    private static RoutingSnapshot snapshot(ModelRoute... routes) {
        return RoutingSnapshot.of(new RoutingTable("r1", List.of(routes)), Map.of());
    }

    private static final RoutingSnapshot CANARY_20 = snapshot(Routes.model("m")
            .stable(1, "http://a", "http://b").canary(2, 20, "http://c").label("gold", 1).build());

    @Test
    void weightTwentySendsTwentyPercentOfUnkeyedRequestsToTheCanary() {
        Random random = new Random(42);
        int canary = 0;
        for (int i = 0; i < 10_000; i++) {
            RouteDecision decision = Router.decide(CANARY_20, InferencePath.parse("/v1/models/m:predict"), null, random);
            if (decision.role() == Role.CANARY) {
                canary++;
                assertThat(decision.version()).isEqualTo(2);
                assertThat(decision.path()).isEqualTo("/v1/models/m/versions/2:predict");
                assertThat(decision.endpoints()).containsExactly("http://c");
            } else {
                assertThat(decision.path()).isEqualTo("/v1/models/m/versions/1:predict");
            }
        }
        assertThat(canary).isBetween(1_800, 2_200);
    }

    @Test
    void keyedRequestsAreStickyAndStillSplitByWeight() {
        int canaryKeys = 0;
        for (int key = 0; key < 2_000; key++) {
            Role first = Router.decide(CANARY_20, InferencePath.parse("/v2/models/m/infer"), "user-" + key,
                    new Random(key)).role();
            for (int again = 0; again < 5; again++) {
                // Another random each time: only the key may decide.
                assertThat(Router.decide(CANARY_20, InferencePath.parse("/v2/models/m/infer"), "user-" + key,
                        new Random(again * 7919L)).role()).isEqualTo(first);
            }
            canaryKeys += first == Role.CANARY ? 1 : 0;
        }
        assertThat(canaryKeys).isBetween(320, 480);
    }

    @Test
    void aKeyOnStableStaysOnStableWhenTheWeightGrows() {
        // Buckets below the weight go to the canary: raising the weight only moves keys stable -> canary.
        RoutingSnapshot fifty = snapshot(Routes.model("m").stable(1, "http://a").canary(2, 50, "http://c").build());
        for (int key = 0; key < 500; key++) {
            String routingKey = "k" + key;
            if (Router.decide(CANARY_20, InferencePath.parse("/v2/models/m/infer"), routingKey, new Random()).role()
                    == Role.CANARY) {
                assertThat(Router.decide(fifty, InferencePath.parse("/v2/models/m/infer"), routingKey,
                        new Random()).role()).isEqualTo(Role.CANARY);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/models/m/versions/2:predict", "/v1/models/m/versions/1/metadata",
            "/v1/models/m/labels/canary:classify", "/v1/models/m/labels/gold:predict", "/v2/models/m/versions/2/infer",
            "/v2/models/m/versions/1/ready", "/v2/models/m/versions/1"})
    void pinnedVersionsAndLabelsAreNeverRewritten(String pinned) {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            RouteDecision decision = Router.decide(CANARY_20, InferencePath.parse(pinned), "key-" + i, random);
            assertThat(decision.path()).isEqualTo(pinned);
            assertThat(decision.role()).isEqualTo(Role.PINNED);
        }
    }

    @Test
    void aLabelPinGoesToThePodsOfItsVersion() {
        RouteDecision decision = Router.decide(CANARY_20, InferencePath.parse("/v1/models/m/labels/canary:predict"),
                null, new Random());
        assertThat(decision.version()).isEqualTo(2);
        assertThat(decision.endpoints()).containsExactly("http://c");
    }

    @Test
    void v2RequestsArePinnedInTheirOwnPathForm() {
        RoutingSnapshot allCanary = snapshot(Routes.model("m").stable(1, "http://a").canary(2, 100, "http://c")
                .build());
        assertThat(Router.decide(allCanary, InferencePath.parse("/v2/models/m/infer"), null, new Random()).path())
                .isEqualTo("/v2/models/m/versions/2/infer");
        assertThat(Router.decide(allCanary, InferencePath.parse("/v2/models/m"), null, new Random()).path())
                .isEqualTo("/v2/models/m/versions/2");
    }

    @Test
    void theTensorFlowServingStatusQueryCoversAllVersionsAndIsNotRewritten() {
        RouteDecision decision = Router.decide(CANARY_20, InferencePath.parse("/v1/models/m"), null, new Random());
        assertThat(decision.path()).isEqualTo("/v1/models/m");
        assertThat(decision.version()).isNull();
    }

    @Test
    void unknownModelsLabelsAndUnservedVersionsAreNotFound() {
        assertThatThrownBy(() -> Router.decide(CANARY_20, InferencePath.parse("/v1/models/nope:predict"), null,
                new Random())).isInstanceOfSatisfying(RoutingProblem.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThatThrownBy(() -> Router.decide(CANARY_20, InferencePath.parse("/v1/models/m/labels/x:predict"), null,
                new Random())).isInstanceOfSatisfying(RoutingProblem.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThatThrownBy(() -> Router.decide(CANARY_20, InferencePath.parse("/v1/models/m/versions/7:predict"), null,
                new Random())).isInstanceOfSatisfying(RoutingProblem.class, p -> assertThat(p.status()).isEqualTo(404));
    }

    @Test
    void aShadowGetsItsPercentOfInferenceRequestsOnly() {
        RoutingSnapshot shadowed = snapshot(Routes.model("m").stable(1, "http://a").shadow(3, 30, "http://s").build());
        Random random = new Random(7);
        int shadows = 0;
        for (int i = 0; i < 10_000; i++) {
            RouteDecision decision = Router.decide(shadowed, InferencePath.parse("/v1/models/m:predict"), null, random);
            if (decision.shadow() != null) {
                shadows++;
                assertThat(decision.shadow().path()).isEqualTo("/v1/models/m/versions/3:predict");
                assertThat(decision.shadow().endpoints()).containsExactly("http://s");
            }
        }
        assertThat(shadows).isBetween(2_800, 3_200);
        assertThat(Router.decide(shadowed, InferencePath.parse("/v1/models/m/metadata"), null, new Random()).shadow())
                .isNull();
    }

    @Test
    void aShadowConfiguredOnTheGatewayAppliesWhereTheRegistryNamesNone() {
        ModelRoute route = Routes.model("m").stable(1, "http://a").label("x", 1).build();
        ModelRoute withPods = new ModelRoute("m", 1, null, 0, 0, null, 0, route.labels(),
                List.of(route.endpoints().get(0),
                        new io.verso.contracts.VersionEndpoints(4, List.of("http://s"), Map.of())));
        RoutingSnapshot snapshot = RoutingSnapshot.of(new RoutingTable("r", List.of(withPods)),
                Map.of("m", new StaticModel(null, null, 0, 4L, 100)));
        assertThat(Router.decide(snapshot, InferencePath.parse("/v1/models/m:predict"), null, new Random()).shadow()
                .version()).isEqualTo(4);
    }

    @Test
    void staticModeSplitsConfiguredModelsAndPassesOthersThroughUnchanged() {
        RoutingSnapshot fixed = RoutingSnapshot.ofStatic(Map.of("m", new StaticModel(1L, 2L, 100, null, 0)),
                "http://pod");
        RouteDecision configured = Router.decide(fixed, InferencePath.parse("/v1/models/m:predict"), null,
                new Random());
        assertThat(configured.path()).isEqualTo("/v1/models/m/versions/2:predict");
        assertThat(configured.endpoints()).containsExactly("http://pod");
        RouteDecision other = Router.decide(fixed, InferencePath.parse("/v1/models/other:predict"), null,
                new Random());
        assertThat(other.path()).isEqualTo("/v1/models/other:predict");
        assertThat(other.endpoints()).containsExactly("http://pod");
    }
}
