package io.verso.registry.podreport;

import io.verso.registry.error.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * How every report a pod sends comes in (its status for the feeds, its monitoring for analysis): the pod id
 * checked by {@link PodId}, per-version entries checked alike, and a {@link ReportLease} from now. What a report
 * carries beyond that is its receiver's; adding a field to one touches only that receiver.
 */
@Component
public class PodReportIntake {

    private final Clock clock;

    PodReportIntake(Clock clock) {
        this.clock = clock;
    }

    /** Checks the pod id and leases the report for {@code ttl} from now. */
    public ReportLease admit(String podId, Duration ttl) {
        PodId.require(podId);
        return ReportLease.startingAt(clock.instant(), ttl);
    }

    /**
     * Checks each entry of a report's per-version list: present, with a model and a positive version; then the
     * receiver's own {@code checks}, given the entry's path (such as {@code versions[2]}) for naming a field.
     *
     * @throws RegistryException (INVALID) naming the first entry at fault, e.g. {@code versions[2].model}
     */
    public static <T> void checkEntries(String list, List<T> entries, Function<T, String> model,
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
