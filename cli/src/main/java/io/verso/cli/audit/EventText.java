package io.verso.cli.audit;

import io.verso.cli.output.Table;
import io.verso.cli.output.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Audit events (the registry's {@code EventView}) as table rows: what changed, by whom, why. */
final class EventText {

    private EventText() {
    }

    static Table table() {
        return Table.of("REVISION", "AT", "ACTION", "ACTOR", "CHANGE", "REASON");
    }

    static void addRow(Table table, JsonNode event) {
        table.row(event.get("revision").asLong(), Text.field(event, "at"), Text.field(event, "action"),
                Text.field(event, "actor"), change(event), Text.field(event, "reason"));
    }

    /** One event on its own line, for output that grows while it is read: {@code audit --follow}, {@code watch}. */
    static String line(JsonNode event) {
        String reason = Text.field(event, "reason");
        return "revision " + event.get("revision").asLong() + "  " + Text.field(event, "at") + "  "
                + Text.field(event, "action") + " by " + Text.field(event, "actor") + "  "
                + Text.or(change(event)) + (reason == null ? "" : "  (" + reason + ")");
    }

    /** The fields that moved, e.g. {@code stable 1→2, canary 2→-, weight 25→0}. */
    static String change(JsonNode event) {
        List<String> changes = new ArrayList<>();
        moved(changes, "stable", event, "fromStable", "toStable");
        moved(changes, "canary", event, "fromCanary", "toCanary");
        moved(changes, "weight", event, "fromWeight", "toWeight");
        String label = Text.field(event, "label");
        if (label != null) {
            changes.add("label " + label);
        }
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    private static void moved(List<String> changes, String what, JsonNode event, String from, String to) {
        String before = Text.field(event, from);
        String after = Text.field(event, to);
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + Text.or(before) + "→" + Text.or(after));
        }
    }
}
