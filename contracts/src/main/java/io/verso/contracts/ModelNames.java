package io.verso.contracts;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for model names and version labels, shared by the registry (what can be registered and labelled),
 * the gateway (which paths can reach a model) and the pods (which models they serve). A name or label that one
 * side accepts and another refuses would be a model that can be registered but never called, so every side asks
 * this class. Both are plain ASCII because they appear in URL paths, file paths and metric tags unescaped.
 *
 * <p>The patterns are also compile-time constants so that Bean Validation annotations can name them.
 */
public final class ModelNames {

    /** Longest model name; the registry's database enforces the same limit (V1 migration). */
    public static final int MAX_NAME_LENGTH = 128;

    /** A model name: an ASCII letter or digit, then letters, digits, {@code .}, {@code _} or {@code -}. */
    public static final String NAME_PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$";

    /** What is wrong with a name that does not match {@link #NAME_PATTERN}, as an answer's detail says it. */
    public static final String NAME_RULE =
            "must start with a letter or digit and hold at most 128 letters, digits, '.', '_' or '-'";

    /** Longest version label. */
    public static final int MAX_LABEL_LENGTH = 63;

    /** A version label: a lower-case ASCII letter, then lower-case letters, digits, {@code _} or {@code -}. */
    public static final String LABEL_PATTERN = "^[a-z][a-z0-9_-]{0,62}$";

    /** What is wrong with a label that does not match {@link #LABEL_PATTERN}. */
    public static final String LABEL_RULE =
            "must start with a lower-case letter and hold at most 63 lower-case letters, digits, '_' or '-'";

    /** The label of the version that takes the traffic the canary does not. */
    public static final String STABLE = "stable";

    /** The label of the version under evaluation, while a canary runs. */
    public static final String CANARY = "canary";

    /**
     * Labels the registry derives from a deployment: valid in paths (a client may pin {@code /labels/canary}), but
     * never set by hand.
     */
    public static final Set<String> RESERVED_LABELS = Set.of(STABLE, CANARY);

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern LABEL = Pattern.compile(LABEL_PATTERN);

    private ModelNames() {
    }

    public static boolean isName(String candidate) {
        return candidate != null && NAME.matcher(candidate).matches();
    }

    /** A label a path may name: a custom label or a reserved one. */
    public static boolean isLabel(String candidate) {
        return candidate != null && LABEL.matcher(candidate).matches();
    }

    /** Why {@code candidate} cannot be a model name, as a sentence naming it; empty when it can. */
    public static Optional<String> nameProblem(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of("a model name is required");
        }
        return isName(candidate) ? Optional.empty()
                : Optional.of("model name '" + shown(candidate) + "' " + NAME_RULE);
    }

    /**
     * Why {@code candidate} cannot be set by hand as a label, as a sentence naming it; empty when it can. Reserved
     * labels are refused here, though {@link #isLabel} accepts them.
     */
    public static Optional<String> customLabelProblem(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of("a label is required");
        }
        if (RESERVED_LABELS.contains(candidate)) {
            return Optional.of("label '" + candidate + "' is derived from the deployment; use promote or canary "
                    + "instead");
        }
        return isLabel(candidate) ? Optional.empty()
                : Optional.of("label '" + shown(candidate) + "' " + LABEL_RULE);
    }

    /**
     * {@code candidate}, or an {@link IllegalArgumentException} saying what is wrong with it: for names read from
     * configuration, where a bad one must stop the start.
     */
    public static String requireName(String candidate) {
        nameProblem(candidate).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return candidate;
    }

    /** Echoes at most a screenful of what the caller sent: a 10 MB name must not become a 10 MB error. */
    private static String shown(String candidate) {
        return candidate.length() <= 2 * MAX_NAME_LENGTH ? candidate
                : candidate.substring(0, 2 * MAX_NAME_LENGTH) + "...";
    }
}
