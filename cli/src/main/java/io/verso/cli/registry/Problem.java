package io.verso.cli.registry;

import tools.jackson.databind.JsonNode;

/**
 * The registry's RFC 9457 answer to a refused or failed call, reduced to what a person needs: the status, the
 * detail and the field to fix.
 */
record Problem(int status, String title, String detail, String field) {

    static Problem of(int status, String body) {
        JsonNode json = Json.parseOrNull(body);
        if (json == null || !json.isObject()) {
            String text = body == null ? "" : body.strip();
            return new Problem(status, null, text.length() > 500 ? text.substring(0, 500) + "…" : text, null);
        }
        return new Problem(status, text(json, "title"), text(json, "detail"), text(json, "field"));
    }

    /** E.g. {@code 404 Not Found: model 'x' does not exist}, with {@code (field: version)} where the registry names one. */
    String describe() {
        StringBuilder text = new StringBuilder().append(status);
        if (title != null) {
            text.append(' ').append(title);
        }
        if (detail != null && !detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        if (field != null) {
            text.append(" (field: ").append(field).append(')');
        }
        return text.toString();
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }
}
