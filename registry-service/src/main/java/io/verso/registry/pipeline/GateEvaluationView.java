package io.verso.registry.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * The gates' verdict on a version ({@code GET .../versions/{v}/gates}).
 *
 * @param stableVersion the version it was compared with; {@code null} when nothing was stable
 * @param passed        every gate passed
 * @param autoRollout   the policy asked for automatic rollout when the version was registered
 * @param rollout       what the automatic rollout did; {@code null} when none was due or it has not run yet
 */
record GateEvaluationView(String model, long version, Long stableVersion, boolean passed, boolean autoRollout,
                          List<GateCheck> checks, String rollout, Instant evaluatedAt) {
}
