package io.verso.inference.api.tfserving;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.VersionSelector;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed TensorFlow Serving REST path: {@code /v1/models/{m}[/versions/{v} | /labels/{l}][/metadata | :verb]}.
 * Parsed with one expression, as TensorFlow Serving's own handler does, because the {@code :predict} suffix
 * shares a path segment with the model name.
 */
record TfServingPath(String model, VersionSelector selector, Action action) {

    enum Action { STATUS, METADATA, PREDICT, CLASSIFY, REGRESS }

    private static final Pattern PATH = Pattern.compile(
            "/v1/models/([^/:]+)(?:/versions/(\\d+)|/labels/([^/:]+))?(?:/(metadata)|:(predict|classify|regress))?/?");

    static TfServingPath parse(String method, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw malformed(method, path);
        }
        Long version = null;
        if (m.group(2) != null) {
            try {
                version = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw InferenceException.invalid("version " + m.group(2) + " is not a 64-bit number");
            }
        }
        Action action = m.group(4) != null ? Action.METADATA
                : m.group(5) != null ? Action.valueOf(m.group(5).toUpperCase(java.util.Locale.ROOT)) : Action.STATUS;
        boolean isPost = "POST".equals(method);
        boolean postAction = action == Action.PREDICT || action == Action.CLASSIFY || action == Action.REGRESS;
        if (isPost != postAction) {
            // A known URL with the wrong method is TF Serving's INVALID_ARGUMENT "Malformed request" (400).
            throw InferenceException.invalid("Malformed request: " + method + " " + path);
        }
        return new TfServingPath(m.group(1), VersionSelector.of(version, m.group(3)), action);
    }

    private static InferenceException malformed(String method, String path) {
        return new InferenceException(ErrorCode.NOT_FOUND, "Malformed request: " + method + " " + path);
    }
}
