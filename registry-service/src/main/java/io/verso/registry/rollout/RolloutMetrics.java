package io.verso.registry.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts finished rollouts, {@code verso_rollouts_finished_total{model, phase}} (phase {@code promoted},
 * {@code rolled_back}, {@code aborted}, {@code superseded}): what the chart's "canary rolled back" alert watches. A
 * finish inside a transaction counts once it commits, so an evaluation that rolls back is not counted. Model names
 * come from the registry's own models, never from a client's free text.
 */
@Component
public class RolloutMetrics {

    private final MeterRegistry registry;

    RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(String model, RolloutPhase phase) {
        Counter counter = Counter.builder("verso.rollouts.finished")
                .description("Canary rollouts that ended, by how they ended")
                .tag("model", model).tag("phase", phase.name().toLowerCase(Locale.ROOT)).register(registry);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }
}
