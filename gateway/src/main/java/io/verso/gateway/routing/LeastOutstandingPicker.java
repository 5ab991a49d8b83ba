package io.verso.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Takes the candidate with the fewest requests in flight; ties go round-robin, so idle pods still share the load.
 * Better than round-robin when predict times vary a lot (large batches, a slower GPU).
 */
public final class LeastOutstandingPicker extends EndpointPicker {

    private final OutstandingRequests outstanding;
    private final RoundRobinPicker tieBreaker = new RoundRobinPicker(pod -> true);

    public LeastOutstandingPicker(Predicate<String> available, OutstandingRequests outstanding) {
        super(available);
        this.outstanding = outstanding;
    }

    @Override
    protected String choose(List<String> candidates) {
        int least = Integer.MAX_VALUE;
        List<String> idlest = new ArrayList<>();
        for (String candidate : candidates) {
            int count = outstanding.count(candidate);
            if (count < least) {
                least = count;
                idlest.clear();
            }
            if (count == least) {
                idlest.add(candidate);
            }
        }
        return tieBreaker.choose(idlest);
    }
}
