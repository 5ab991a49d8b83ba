package io.verso.registry.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.registry.deployment.Transition.Canary;
import io.verso.registry.deployment.Transition.Promote;
import io.verso.registry.deployment.Transition.RemoveLabel;
import io.verso.registry.deployment.Transition.Rollback;
import io.verso.registry.deployment.Transition.RollbackCanary;
import io.verso.registry.deployment.Transition.RolloutStep;
import io.verso.registry.deployment.Transition.SetLabel;
import io.verso.registry.deployment.Transition.SetWeight;
import io.verso.registry.error.RegistryException.Kind;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout rules as plain Java: no Spring, no database. */
class TransitionTest {

    private static final DeploymentRouting STABLE_1 = new DeploymentRouting(1L, null, 0, null, Map.of());

    @Test
    void walksThroughACanaryRelease() {
        DeploymentRouting first = new Promote(1L).applyTo(DeploymentRouting.EMPTY);
        DeploymentRouting canary = new Canary(2, 10).applyTo(first);
        DeploymentRouting half = new SetWeight(50).applyTo(canary);
        DeploymentRouting promoted = new Promote(null).applyTo(half);
        DeploymentRouting rolledBack = new Rollback(null).applyTo(promoted);

        assertThat(first).isEqualTo(STABLE_1);
        assertThat(canary).isEqualTo(new DeploymentRouting(1L, 2L, 10, null, Map.of()));
        assertThat(canary.state()).isEqualTo(DeploymentState.CANARY);
        assertThat(half.canaryWeight()).isEqualTo(50);
        assertThat(promoted).isEqualTo(new DeploymentRouting(2L, null, 0, 1L, Map.of()));
        assertThat(promoted.heldVersions()).containsExactly(1L, 2L);
        assertThat(rolledBack).isEqualTo(new DeploymentRouting(1L, null, 0, null, Map.of()));
        assertThat(rolledBack.state()).isEqualTo(DeploymentState.STABLE);
    }

    @Test
    void promotingAVersionDirectlyEndsTheCanary() {
        DeploymentRouting canary = new Canary(2, 10).applyTo(STABLE_1);

        assertThat(new Promote(3L).applyTo(canary)).isEqualTo(new DeploymentRouting(3L, null, 0, 1L, Map.of()));
    }

    @Test
    void rollingBackEndsTheCanaryAndForgetsTheBadVersion() {
        DeploymentRouting promoted = new DeploymentRouting(2L, 3L, 20, 1L, Map.of());

        assertThat(new Rollback(null).applyTo(promoted)).isEqualTo(new DeploymentRouting(1L, null, 0, null, Map.of()));
        assertThat(new Rollback(5L).applyTo(promoted)).isEqualTo(new DeploymentRouting(5L, null, 0, null, Map.of()));
    }

    @Test
    void rollingBackToTheStableVersionOnlyEndsTheCanary() {
        DeploymentRouting firstCanary = new Canary(2, 50).applyTo(STABLE_1);
        DeploymentRouting laterCanary = new DeploymentRouting(2L, 3L, 20, 1L, Map.of());

        assertThat(new Rollback(null).applyTo(firstCanary)).as("no previous stable version").isEqualTo(STABLE_1);
        assertThat(new Rollback(1L).applyTo(firstCanary)).isEqualTo(STABLE_1);
        assertThat(new Rollback(2L).applyTo(laterCanary)).isEqualTo(new DeploymentRouting(2L, null, 0, 1L, Map.of()));
    }

    @Test
    void rejectsTransitionsThatDoNotFitTheState() {
        assertRejected(() -> new Canary(2, 10).applyTo(DeploymentRouting.EMPTY), Kind.CONFLICT, "version",
                "the deployment has no stable version; promote one before starting a canary");
        assertRejected(() -> new Canary(1, 10).applyTo(STABLE_1), Kind.CONFLICT, "version",
                "version 1 is already the stable version");
        assertRejected(() -> new SetWeight(5).applyTo(STABLE_1), Kind.CONFLICT, "weight",
                "no canary is running; start one first");
        assertRejected(() -> new Promote(null).applyTo(STABLE_1), Kind.CONFLICT, "version",
                "no canary is running; name the version to promote");
        assertRejected(() -> new Promote(1L).applyTo(STABLE_1), Kind.CONFLICT, "version",
                "version 1 is already the stable version");
        assertRejected(() -> new Rollback(null).applyTo(DeploymentRouting.EMPTY), Kind.CONFLICT, "version",
                "nothing is deployed; there is nothing to roll back");
        assertRejected(() -> new Rollback(null).applyTo(STABLE_1), Kind.CONFLICT, "version",
                "there is no previous stable version to roll back to; name the version");
    }

    @Test
    void rejectsWeightsOutsideZeroToHundred() {
        assertRejected(() -> new Canary(2, 150).applyTo(STABLE_1), Kind.INVALID, "weight",
                "weight must be between 0 and 100, but was 150");
        assertRejected(() -> new SetWeight(-1).applyTo(new Canary(2, 1).applyTo(STABLE_1)), Kind.INVALID, "weight",
                "weight must be between 0 and 100, but was -1");
        assertThat(new SetWeight(100).applyTo(new Canary(2, 1).applyTo(STABLE_1)).canaryWeight()).isEqualTo(100);
    }

    @Test
    void managesCustomLabelsButNotTheDerivedOnes() {
        DeploymentRouting labelled = new SetLabel("shadow", 4).applyTo(STABLE_1);

        assertThat(labelled.effectiveLabels()).containsExactly(Map.entry("shadow", 4L), Map.entry("stable", 1L));
        assertThat(labelled.heldVersions()).containsExactly(1L, 4L);
        assertThat(new RemoveLabel("shadow").applyTo(labelled)).isEqualTo(STABLE_1);
        assertRejected(() -> new SetLabel("stable", 4).applyTo(STABLE_1), Kind.INVALID, "label",
                "label 'stable' is derived from the deployment; use promote or canary instead");
        assertRejected(() -> new SetLabel("Bad Label", 4).applyTo(STABLE_1), Kind.INVALID, "label",
                "label 'Bad Label' must start with a lower-case letter and hold at most 63 lower-case letters, "
                        + "digits, '_' or '-'");
        assertRejected(() -> new RemoveLabel("missing").applyTo(STABLE_1), Kind.NOT_FOUND, "label",
                "label 'missing' is not set");
    }

    @Test
    void namesTheVersionThatMustBeReady() {
        DeploymentRouting canary = new DeploymentRouting(1L, 2L, 5, 7L, Map.of());

        assertThat(new Promote(null).target(canary)).contains(2L);
        assertThat(new Rollback(null).target(canary)).contains(7L);
        assertThat(new Canary(3, 1).target(canary)).contains(3L);
        assertThat(new SetWeight(3).target(canary)).isEqualTo(Optional.empty());
    }

    @Test
    void stateItselfRefusesImpossibleCombinations() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeploymentRouting(null, 2L, 0, null, Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeploymentRouting(1L, null, 5, null, Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeploymentRouting(1L, 2L, 101, null, Map.of()));
    }

    private static void assertRejected(Runnable transition, Kind kind, String field, String message) {
        assertThatThrownBy(transition::run)
                .isInstanceOf(TransitionRejected.class)
                .hasMessage(message)
                .satisfies(e -> {
                    assertThat(((TransitionRejected) e).kind()).isEqualTo(kind);
                    assertThat(((TransitionRejected) e).field()).isEqualTo(field);
                });
    }

    /** Rolling back a canary ends it and keeps both the stable and the previous stable version. */
    @Test
    void rollingBackACanaryKeepsTheStableVersion() {
        DeploymentRouting canary = new DeploymentRouting(2L, 3L, 25, 1L, Map.of("gold", 2L));
        assertThat(new RollbackCanary().applyTo(canary))
                .isEqualTo(new DeploymentRouting(2L, null, 0, 1L, Map.of("gold", 2L)));
        assertThat(new RollbackCanary().action()).isEqualTo("ROLLBACK");
        assertThatThrownBy(() -> new RollbackCanary().applyTo(STABLE_1)).isInstanceOf(TransitionRejected.class)
                .extracting(e -> ((TransitionRejected) e).kind()).isEqualTo(Kind.CONFLICT);
    }

    /** A rollout step applies its routing change under its own audit action; without one it changes nothing. */
    @Test
    void rolloutStepsCarryTheirOwnActionName() {
        RolloutStep start = new RolloutStep("ROLLOUT_STARTED", new Canary(2, 5));
        assertThat(start.action()).isEqualTo("ROLLOUT_STARTED");
        assertThat(start.applyTo(STABLE_1)).isEqualTo(new DeploymentRouting(1L, 2L, 5, null, Map.of()));
        assertThat(start.target(STABLE_1)).contains(2L);
        RolloutStep pause = new RolloutStep("ROLLOUT_PAUSED", null);
        assertThat(pause.applyTo(STABLE_1)).isSameAs(STABLE_1);
        assertThat(pause.target(STABLE_1)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new RolloutStep("PROMOTE", null));
    }
}
