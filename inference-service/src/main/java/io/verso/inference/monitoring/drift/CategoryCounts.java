package io.verso.inference.monitoring.drift;

import java.util.HashMap;
import java.util.Map;

/**
 * How often each category of a string feature occurred, keeping at most {@code maxCategories} distinct ones: once
 * full, unseen categories count under {@link #OTHER}, so a feature with unbounded cardinality (ids, free text)
 * cannot grow memory.
 */
final class CategoryCounts {

    /** The overflow bucket; it takes part in the L-infinity distance like any category the baseline lacks. */
    static final String OTHER = "__other__";

    private final int maxCategories;
    private final Map<String, Long> counts = new HashMap<>();
    private long count;
    private long missing;

    CategoryCounts(int maxCategories) {
        this.maxCategories = maxCategories;
    }

    void add(String category) {
        String key = counts.containsKey(category) || counts.size() < maxCategories ? category : OTHER;
        counts.merge(key, 1L, Long::sum);
        count++;
    }

    void addMissing() {
        missing++;
    }

    void merge(CategoryCounts other) {
        other.counts.forEach((category, n) -> {
            String key = counts.containsKey(category) || counts.size() < maxCategories ? category : OTHER;
            counts.merge(key, n, Long::sum);
        });
        count += other.count;
        missing += other.missing;
    }

    long count() {
        return count;
    }

    long missing() {
        return missing;
    }

    Map<String, Long> counts() {
        return Map.copyOf(counts);
    }
}
