package io.verso.inference.monitoring.slice;

import io.verso.inference.dataplane.InferenceRecord;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slices by a request header's value. The header is set by clients, so its values are bounded: to a list of
 * allowed values when one is configured, else to the first {@code maxSlices} distinct values seen; any other value
 * is {@value #OTHER}, and a call without the header is {@value #MISSING}.
 */
public final class HeaderSlicer implements Slicer {

    static final String OTHER = "other";
    static final String MISSING = "none";

    private final String header;
    private final Set<String> allowed;
    private final int maxSlices;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param header an {@code X-Verso-} header: the data plane only passes those on */
    public HeaderSlicer(String header, Set<String> allowed, int maxSlices) {
        this.header = header.toLowerCase(Locale.ROOT);
        if (!this.header.startsWith("x-verso-")) {
            throw new IllegalArgumentException("slice header " + header + " must start with X-Verso-");
        }
        this.allowed = Set.copyOf(allowed);
        this.maxSlices = maxSlices;
    }

    @Override
    public String slice(InferenceRecord record, int row) {
        String value = record.headers().get(header);
        if (value == null || value.isEmpty()) {
            return MISSING;
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(value) ? value : OTHER;
        }
        if (seen.contains(value)) {
            return value;
        }
        // Racing threads may admit a value or two past the bound; the bound only has to keep series few.
        if (seen.size() < maxSlices) {
            seen.add(value);
            return value;
        }
        return OTHER;
    }
}
