package io.verso.registry.rollout;

import java.time.Duration;

/**
 * @param interval how often a registry looks for due rollouts, and how long a waiting rollout rests before its
 *                 next evaluation
 */
public record CanarySettings(Duration interval) {
}
