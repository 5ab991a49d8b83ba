package io.verso.inference.model;

/**
 * Which version of a model a request wants: a number, a label, or the default (the {@code stable} label when the
 * model has one, otherwise the newest available version, as TensorFlow Serving does).
 */
public sealed interface VersionSelector {

    /** How TensorFlow Serving names the request in its errors, e.g. {@code Specific(half_plus_two, 125)}. */
    String describe(String model);

    Default DEFAULT = new Default();

    static VersionSelector of(Long version, String label) {
        if (version != null) {
            return new Number(version);
        }
        return label != null ? new Label(label) : DEFAULT;
    }

    record Default() implements VersionSelector {
        @Override
        public String describe(String model) {
            return "Latest(" + model + ")";
        }
    }

    record Number(long version) implements VersionSelector {
        @Override
        public String describe(String model) {
            return "Specific(" + model + ", " + version + ")";
        }
    }

    record Label(String label) implements VersionSelector {
        @Override
        public String describe(String model) {
            return "Label(" + model + ", " + label + ")";
        }
    }
}
