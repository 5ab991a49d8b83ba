package io.verso.registry.rollout;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the analysis every {@link CanarySettings#interval()} on one background thread of this registry: each round
 * evaluates due rollouts until none is left. Other replicas run their own rounds; the row locks keep them apart.
 */
@Component
class RolloutRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RolloutRunner.class);
    /** Bounds one round, so that a round always ends even if evaluations keep coming due. */
    private static final int MAX_PER_ROUND = 100;

    private final RolloutEvaluator evaluator;
    private final CanarySettings settings;
    private ScheduledExecutorService executor;

    RolloutRunner(RolloutEvaluator evaluator, CanarySettings settings) {
        this.evaluator = evaluator;
        this.settings = settings;
    }

    /** One round; returns how many evaluations it made. */
    int runDue() {
        int evaluated = 0;
        try {
            while (evaluated < MAX_PER_ROUND && evaluator.evaluateNextDue()) {
                evaluated++;
            }
        } catch (RuntimeException e) {
            // Not even a failed evaluation could be recorded (the database may be down): the next round tries again.
            log.warn("canary analysis round stopped after {} evaluations: {}", evaluated, e.toString());
        }
        return evaluated;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "canary-analysis");
            thread.setDaemon(true);
            return thread;
        });
        long millis = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::runDue, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
