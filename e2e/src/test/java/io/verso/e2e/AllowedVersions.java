package io.verso.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which versions may answer an unpinned request over time while routing changes. Each change is known from the
 * moment its admin call was sent until the gateway was seen routing with it: in that window both the old and the
 * new set are acceptable, before it only the old one, after it only the new one. An answer may come from any
 * version allowed at some instant between its request's sending and its reception.
 */
final class AllowedVersions {

    private record Change(long startNanos, long appliedNanos, Set<Long> after) {
    }

    private final Set<Long> initial;
    private final List<Change> changes = new ArrayList<>();

    AllowedVersions(Set<Long> initial) {
        this.initial = Set.copyOf(initial);
    }

    /** Records a change started at {@code startNanos} and seen in effect at {@code appliedNanos}. */
    synchronized void change(long startNanos, long appliedNanos, Set<Long> after) {
        changes.add(new Change(startNanos, appliedNanos, Set.copyOf(after)));
    }

    /** The versions that may have answered a request sent at {@code sentNanos} and answered at {@code receivedNanos}. */
    synchronized Set<Long> between(long sentNanos, long receivedNanos) {
        Set<Long> allowed = new TreeSet<>(at(sentNanos));
        allowed.addAll(at(receivedNanos));
        Set<Long> before = initial;
        for (Change change : changes) {
            if (change.startNanos() <= receivedNanos && change.appliedNanos() >= sentNanos) {
                allowed.addAll(before);
                allowed.addAll(change.after());
            }
            before = change.after();
        }
        return allowed;
    }

    private Set<Long> at(long nanos) {
        Set<Long> current = initial;
        for (Change change : changes) {
            if (nanos < change.startNanos()) {
                return current;
            }
            if (nanos <= change.appliedNanos()) {
                Set<Long> both = new TreeSet<>(current);
                both.addAll(change.after());
                return both;
            }
            current = change.after();
        }
        return current;
    }
}
