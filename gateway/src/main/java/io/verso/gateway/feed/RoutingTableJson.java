package io.verso.gateway.feed;

import io.verso.contracts.RoutingTable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the feed's JSON; tolerant of fields a newer registry adds and of fields an older one lacks. */
final class RoutingTableJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An older registry sends no shadowPercent: read it as 0, not as an error.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RoutingTableJson() {
    }

    static RoutingTable read(byte[] json) {
        return JSON.readValue(json, RoutingTable.class);
    }
}
