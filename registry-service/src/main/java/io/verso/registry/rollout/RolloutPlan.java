package io.verso.registry.rollout;

import io.verso.registry.error.RegistryException;
import java.time.Duration;
import java.util.List;

/**
 * A validated rollout request with its defaults filled in.
 *
 * @param steps canary weights in rising order; the last is 100, which means "promote"
 */
record RolloutPlan(long version, List<Integer> steps, Duration minStepInterval, long minStepRequests,
                   Thresholds thresholds, String reason) {

    static final List<Integer> DEFAULT_STEPS = List.of(5, 25, 50, 100);
    static final long DEFAULT_MIN_STEP_INTERVAL_SECONDS = 300;
    static final long DEFAULT_MIN_STEP_REQUESTS = 200;
    private static final long MAX_STEP_INTERVAL_SECONDS = 7 * 24 * 3600;

    static RolloutPlan of(RolloutRequest request) {
        if (request.version() == null) {
            throw RegistryException.invalid("version", "version is required");
        }
        if (request.version() <= 0) {
            throw RegistryException.invalid("version", "version must be positive, but was " + request.version());
        }
        List<Integer> steps = request.steps() == null ? DEFAULT_STEPS : checkSteps(request.steps());
        long interval = orDefault(request.minStepIntervalSeconds(), DEFAULT_MIN_STEP_INTERVAL_SECONDS);
        if (interval < 0 || interval > MAX_STEP_INTERVAL_SECONDS) {
            throw RegistryException.invalid("minStepIntervalSeconds", "minStepIntervalSeconds must be between 0 "
                    + "and " + MAX_STEP_INTERVAL_SECONDS + ", but was " + interval);
        }
        long requests = orDefault(request.minStepRequests(), DEFAULT_MIN_STEP_REQUESTS);
        if (requests < 0) {
            throw RegistryException.invalid("minStepRequests", "minStepRequests must not be negative, but was "
                    + requests);
        }
        if (request.reason() != null && request.reason().length() > 1000) {
            throw RegistryException.invalid("reason", "reason must be at most 1000 characters");
        }
        return new RolloutPlan(request.version(), steps, Duration.ofSeconds(interval), requests,
                thresholds(request.thresholds()), request.reason());
    }

    /** The weight of the step after {@code step}; 100 means the next move is the promotion. */
    int weightAfter(int step) {
        return steps.get(step + 1);
    }

    private static List<Integer> checkSteps(List<Integer> steps) {
        if (steps.size() < 2) {
            throw RegistryException.invalid("steps", "steps needs at least one canary weight and the final 100, "
                    + "but was " + steps);
        }
        int previous = 0;
        for (Integer weight : steps) {
            if (weight == null || weight <= previous || weight > 100) {
                throw RegistryException.invalid("steps", "steps must rise strictly within 1–100, but was " + steps);
            }
            previous = weight;
        }
        if (previous != 100) {
            throw RegistryException.invalid("steps", "steps must end with 100 (the promotion), but was " + steps);
        }
        return List.copyOf(steps);
    }

    private static Thresholds thresholds(RolloutRequest.ThresholdsRequest r) {
        Thresholds d = Thresholds.DEFAULTS;
        if (r == null) {
            return d;
        }
        return new Thresholds(
                between("maxErrorRateIncrease", orDefault(r.maxErrorRateIncrease(), d.maxErrorRateIncrease()), 0, 1),
                significance(orDefault(r.significance(), d.significance())),
                between("maxP99LatencyRatio", orDefault(r.maxP99LatencyRatio(), d.maxP99LatencyRatio()), 1, 1000),
                between("maxDriftScore", orDefault(r.maxDriftScore(), d.maxDriftScore()), 0, 100),
                between("minAccuracyDelta", orDefault(r.minAccuracyDelta(), d.minAccuracyDelta()), -1, 1),
                atLeastOne("minErrorRateSamples", orDefault(r.minErrorRateSamples(), d.minErrorRateSamples())),
                atLeastOne("minLatencySamples", orDefault(r.minLatencySamples(), d.minLatencySamples())),
                atLeastOne("minDriftSamples", orDefault(r.minDriftSamples(), d.minDriftSamples())),
                atLeastOne("minAccuracySamples", orDefault(r.minAccuracySamples(), d.minAccuracySamples())));
    }

    private static double between(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw RegistryException.invalid("thresholds." + name, "thresholds." + name + " must be between " + min
                    + " and " + max + ", but was " + value);
        }
        return value;
    }

    private static double significance(double value) {
        if (!(value > 0 && value <= 0.5)) {
            throw RegistryException.invalid("thresholds.significance", "thresholds.significance must be above 0 "
                    + "and at most 0.5, but was " + value);
        }
        return value;
    }

    private static long atLeastOne(String name, long value) {
        if (value < 1) {
            throw RegistryException.invalid("thresholds." + name, "thresholds." + name + " must be at least 1, "
                    + "but was " + value);
        }
        return value;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
