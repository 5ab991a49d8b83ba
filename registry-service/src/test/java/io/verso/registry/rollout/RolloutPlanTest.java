package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.verso.registry.error.RegistryException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    private static RolloutRequest.ThresholdsRequest significance(double value) {
        return new RolloutRequest.ThresholdsRequest(null, value, null, null, null, null, null, null, null);
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        RolloutPlan plan = RolloutPlan.of(new RolloutRequest(3L, null, null, null,
                new RolloutRequest.ThresholdsRequest(0.05, null, null, null, null, 10L, null, null, null), null));
        assertThat(plan.steps()).containsExactly(5, 25, 50, 100);
        assertThat(plan.minStepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.minStepRequests()).isEqualTo(200);
        assertThat(plan.thresholds().maxErrorRateIncrease()).isEqualTo(0.05);
        assertThat(plan.thresholds().minErrorRateSamples()).isEqualTo(10);
        assertThat(plan.thresholds().significance()).isEqualTo(0.05);
        assertThat(plan.thresholds().minAccuracySamples()).isEqualTo(100);
    }

    @Test
    void badFieldsAreNamed() {
        assertThat(field(new RolloutRequest(null, null, null, null, null, null))).isEqualTo("version");
        assertThat(field(new RolloutRequest(1L, List.of(10, 5, 100), null, null, null, null))).isEqualTo("steps");
        assertThat(field(new RolloutRequest(1L, List.of(10, 50), null, null, null, null))).isEqualTo("steps");
        assertThat(field(new RolloutRequest(1L, List.of(100), null, null, null, null))).isEqualTo("steps");
        assertThat(field(new RolloutRequest(1L, null, -1L, null, null, null))).isEqualTo("minStepIntervalSeconds");
        assertThat(field(new RolloutRequest(1L, null, null, -5L, null, null))).isEqualTo("minStepRequests");
        assertThat(field(new RolloutRequest(1L, null, null, null, significance(0), null)))
                .isEqualTo("thresholds.significance");
        assertThat(field(new RolloutRequest(1L, null, null, null,
                new RolloutRequest.ThresholdsRequest(null, null, 0.5, null, null, null, null, null, null), null)))
                .isEqualTo("thresholds.maxP99LatencyRatio");
        assertThat(field(new RolloutRequest(1L, null, null, null,
                new RolloutRequest.ThresholdsRequest(null, null, null, null, null, null, 0L, null, null), null)))
                .isEqualTo("thresholds.minLatencySamples");
    }

    private static String field(RolloutRequest request) {
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> RolloutPlan.of(request));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID);
        return e.field();
    }
}
