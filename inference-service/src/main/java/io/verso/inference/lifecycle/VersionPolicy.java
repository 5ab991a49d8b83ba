package io.verso.inference.lifecycle;

import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which of the versions present in a model's base path should be served, as TensorFlow Serving's
 * {@code model_version_policy}: the latest N (the default is the latest one), all, or a specific set.
 */
public sealed interface VersionPolicy {

    Set<Long> select(Collection<Long> present);

    /**
     * Whether this policy can ever serve {@code version}, whatever is on disk: only a specific policy rules
     * versions out up front, so a label naming one of those is a configuration mistake worth reporting.
     */
    default boolean admits(long version) {
        return true;
    }

    static VersionPolicy latest(int count) {
        return new Latest(count);
    }

    static VersionPolicy all() {
        return new All();
    }

    static VersionPolicy specific(Set<Long> versions) {
        return new Specific(versions);
    }

    record Latest(int count) implements VersionPolicy {
        public Latest {
            if (count < 1) {
                throw new IllegalArgumentException("latest.num_versions must be at least 1, was " + count);
            }
        }

        @Override
        public Set<Long> select(Collection<Long> present) {
            return present.stream().sorted(Comparator.reverseOrder()).limit(count)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    record All() implements VersionPolicy {
        @Override
        public Set<Long> select(Collection<Long> present) {
            return new TreeSet<>(present);
        }
    }

    record Specific(Set<Long> versions) implements VersionPolicy {
        public Specific {
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("specific.versions must name at least one version");
            }
            versions = Set.copyOf(versions);
        }

        @Override
        public Set<Long> select(Collection<Long> present) {
            return present.stream().filter(versions::contains).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public boolean admits(long version) {
            return versions.contains(version);
        }
    }
}
