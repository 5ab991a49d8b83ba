package io.verso.cli.registry;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the CLI. It reads the registry's answers as trees: the CLI shows them, it owns no schema. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The node as one compact line, the form {@code --output json} streams. */
    public static String line(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Parses {@code text}, or answers null when it is not JSON. */
    public static JsonNode parseOrNull(String text) {
        try {
            return text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
