package io.verso.registry.podreport;

import io.verso.registry.error.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Where one kind of pod report comes in and is kept until it expires (a pod's status for the feeds, its monitoring
 * summaries for analysis). Every kind checks the pod id by {@link PodId} and its per-version entries alike, leases
 * each report for the kind's time-to-live ({@link ReportLease}), and is swept by {@link PodReportExpiry}. What a
 * report carries beyond that is the subclass's, so adding a field to one kind touches only its receiver.
 */
public abstract class PodReportIntake {

    private final Clock clock;
    private final Duration ttl;

    protected PodReportIntake(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Names the kind (its sweep's replica lock and log lines). */
    public abstract String name();

    /**
     * Deletes the reports expired at {@code now}, and tells whoever derives state from them.
     *
     * @return how many were deleted
     */
    public abstract int expire(Instant now);

    /** How long a report counts; the sweep runs four times per it. */
    public Duration ttl() {
        return ttl;
    }

    /** Checks the pod id and leases the report from now. */
    protected ReportLease admit(String podId) {
        PodId.require(podId);
        return ReportLease.startingAt(clock.instant(), ttl);
    }

    /**
     * Checks each entry of a report's per-version list: present, with a model and a positive version; then the
     * receiver's own {@code checks}, given the entry's path (such as {@code versions[2]}) for naming a field.
     *
     * @throws RegistryException (INVALID) naming the first entry at fault, e.g. {@code versions[2].model}
     */
    protected static <T> void checkEntries(String list, List<T> entries, Function<T, String> model,
                                           ToLongFunction<T> version, BiConsumer<String, T> checks) {
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            String at = list + "[" + i + "]";
            if (entry == null) {
                throw RegistryException.invalid(at, at + " is null");
            }
            String name = model.apply(entry);
            if (name == null || name.isBlank()) {
                throw RegistryException.invalid(at + ".model", at + ".model is required");
            }
            if (version.applyAsLong(entry) <= 0) {
                throw RegistryException.invalid(at + ".version", at + ".version must be positive, but was "
                        + version.applyAsLong(entry));
            }
            checks.accept(at, entry);
        }
    }
}
