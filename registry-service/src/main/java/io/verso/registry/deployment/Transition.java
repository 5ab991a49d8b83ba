package io.verso.registry.deployment;

import io.verso.contracts.ModelNames;
import io.verso.registry.error.RegistryException.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One operator action on a deployment: a pure function from the current {@link DeploymentRouting} to the next, or a
 * {@link TransitionRejected}. No Spring, no database: the rules are tested as plain Java.
 */
public sealed interface Transition {

    /** Audit name of the action. */
    String action();

    /** The next state; the current one is not changed. */
    DeploymentRouting applyTo(DeploymentRouting current);

    /**
     * The version this transition sends traffic (or a label) to, which must exist and be READY; empty when it names
     * none or the state must first say which (a promotion without a canary is rejected by {@link #applyTo}).
     */
    Optional<Long> target(DeploymentRouting current);

    /** The label it changes, for the audit trail; {@code null} for routing transitions. */
    default String label() {
        return null;
    }

    /** Starts (or replaces) a canary: {@code weight} percent of traffic to {@code version}. */
    record Canary(long version, int weight) implements Transition {
        @Override
        public String action() {
            return "CANARY";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            checkWeight(weight);
            if (s.stable() == null) {
                throw new TransitionRejected(Kind.CONFLICT, "version",
                        "the deployment has no stable version; promote one before starting a canary");
            }
            if (s.stable() == version) {
                throw new TransitionRejected(Kind.CONFLICT, "version",
                        "version " + version + " is already the stable version");
            }
            return new DeploymentRouting(s.stable(), version, weight, s.previousStable(), s.labels());
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.of(version);
        }
    }

    /** Changes the running canary's share of traffic. */
    record SetWeight(int weight) implements Transition {
        @Override
        public String action() {
            return "SET_WEIGHT";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            checkWeight(weight);
            if (s.canary() == null) {
                throw new TransitionRejected(Kind.CONFLICT, "weight", "no canary is running; start one first");
            }
            return new DeploymentRouting(s.stable(), s.canary(), weight, s.previousStable(), s.labels());
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.empty();
        }
    }

    /**
     * Makes the canary ({@code version == null}) or the given version stable; the old stable becomes the previous
     * stable (kept warm), and any canary ends.
     */
    record Promote(Long version) implements Transition {
        @Override
        public String action() {
            return "PROMOTE";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            Long next = version == null ? s.canary() : version;
            if (next == null) {
                throw new TransitionRejected(Kind.CONFLICT, "version",
                        "no canary is running; name the version to promote");
            }
            if (next.equals(s.stable())) {
                throw new TransitionRejected(Kind.CONFLICT, "version",
                        "version " + next + " is already the stable version");
            }
            return new DeploymentRouting(next, null, 0, s.stable(), s.labels());
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.ofNullable(version == null ? current.canary() : version);
        }
    }

    /**
     * Makes the previous stable ({@code version == null}) or the given version stable again and ends any canary.
     * The version rolled back from is not kept warm: it is the one that failed. Rolling back to the version that is
     * stable now (named, or the default while there is no previous one) ends the canary and changes nothing else.
     */
    record Rollback(Long version) implements Transition {
        @Override
        public String action() {
            return "ROLLBACK";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            if (s.stable() == null) {
                throw new TransitionRejected(Kind.CONFLICT, "version", "nothing is deployed; there is nothing to roll back");
            }
            Long next = version == null ? s.previousStable() : version;
            if (s.canary() != null && (next == null || next.equals(s.stable()))) {
                // Back to what is stable now: only the canary goes. Without this a first canary (no previous
                // stable version) could not be ended but by promoting it.
                return new DeploymentRouting(s.stable(), null, 0, s.previousStable(), s.labels());
            }
            if (next == null) {
                throw new TransitionRejected(Kind.CONFLICT, "version",
                        "there is no previous stable version to roll back to; name the version");
            }
            if (next.equals(s.stable())) {
                throw new TransitionRejected(Kind.CONFLICT, "version",
                        "version " + next + " is already the stable version");
            }
            return new DeploymentRouting(next, null, 0, null, s.labels());
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.ofNullable(version == null ? current.previousStable() : version);
        }
    }

    /**
     * Ends the running canary and keeps the stable version: what rolling back a failed canary means. (A plain
     * {@link Rollback} would also replace the stable version by the previous one.)
     */
    record RollbackCanary() implements Transition {
        @Override
        public String action() {
            return "ROLLBACK";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            if (s.canary() == null) {
                throw new TransitionRejected(Kind.CONFLICT, "version", "no canary is running; there is no canary "
                        + "to roll back");
            }
            return new DeploymentRouting(s.stable(), null, 0, s.previousStable(), s.labels());
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.empty();
        }
    }

    /**
     * A step of an automated rollout, recorded in the audit trail under its own action (ROLLOUT_STARTED,
     * ROLLOUT_STEP, ROLLOUT_PAUSED...) so that readers of the trail (webhooks, operators) tell the analysis's moves
     * from manual ones. {@code routing} is the routing change it makes, or {@code null} for none: pausing changes
     * no routing but is still a transition with a revision of its own, ordered in the trail among the others.
     */
    record RolloutStep(String action, Transition routing) implements Transition {
        public RolloutStep {
            if (action == null || !action.startsWith("ROLLOUT_")) {
                throw new IllegalArgumentException("a rollout step's action starts with ROLLOUT_, but was " + action);
            }
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            return routing == null ? s : routing.applyTo(s);
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return routing == null ? Optional.empty() : routing.target(current);
        }
    }

    /** Points a custom label at a version (TF Serving's version labels). */
    record SetLabel(String label, long version) implements Transition {
        @Override
        public String action() {
            return "SET_LABEL";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            checkLabel(label);
            Map<String, Long> labels = new HashMap<>(s.labels());
            labels.put(label, version);
            return new DeploymentRouting(s.stable(), s.canary(), s.canaryWeight(), s.previousStable(), labels);
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.of(version);
        }
    }

    /** Removes a custom label. */
    record RemoveLabel(String label) implements Transition {
        @Override
        public String action() {
            return "REMOVE_LABEL";
        }

        @Override
        public DeploymentRouting applyTo(DeploymentRouting s) {
            checkLabel(label);
            if (!s.labels().containsKey(label)) {
                throw new TransitionRejected(Kind.NOT_FOUND, "label", "label '" + label + "' is not set");
            }
            Map<String, Long> labels = new HashMap<>(s.labels());
            labels.remove(label);
            return new DeploymentRouting(s.stable(), s.canary(), s.canaryWeight(), s.previousStable(), labels);
        }

        @Override
        public Optional<Long> target(DeploymentRouting current) {
            return Optional.empty();
        }
    }

    private static void checkWeight(int weight) {
        if (weight < 0 || weight > 100) {
            throw new TransitionRejected(Kind.INVALID, "weight", "weight must be between 0 and 100, but was " + weight);
        }
    }

    private static void checkLabel(String label) {
        ModelNames.customLabelProblem(label).ifPresent(problem -> {
            throw new TransitionRejected(Kind.INVALID, "label", problem);
        });
    }
}
