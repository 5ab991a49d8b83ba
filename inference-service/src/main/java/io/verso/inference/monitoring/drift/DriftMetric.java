package io.verso.inference.monitoring.drift;

/** The distances a feature is judged on; {@link #label} is their name in metrics and reports. */
public enum DriftMetric {
    PSI("psi"),
    JS_DISTANCE("js_distance"),
    L_INFINITY("linf");

    private final String label;

    DriftMetric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
