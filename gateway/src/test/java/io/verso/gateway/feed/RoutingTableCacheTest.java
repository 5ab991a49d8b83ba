package io.verso.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.contracts.RoutingTable;
import io.verso.gateway.testsupport.FakeRegistry;
import io.verso.gateway.testsupport.Routes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTableCacheTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheTableAcrossRestarts() {
        RoutingTable table = new RoutingTable("r7", List.of(Routes.model("m").stable(1, "http://a")
                .canary(2, 20, "http://b").shadow(3, 5, "http://c").build()));
        new RoutingTableCache(dir.resolve("sub/table.json")).save(FakeRegistry.json(table));

        assertThat(new RoutingTableCache(dir.resolve("sub/table.json")).load()).contains(table);
    }

    @Test
    void aMissingOrUnreadableCacheIsNoTable() throws Exception {
        assertThat(new RoutingTableCache(dir.resolve("none.json")).load()).isEmpty();
        Files.writeString(dir.resolve("bad.json"), "{not json");
        assertThat(new RoutingTableCache(dir.resolve("bad.json")).load()).isEmpty();
    }

    @Test
    void readsTablesOfARegistryWithoutShadowFields() {
        String older = "{\"revision\":\"r1\",\"models\":[{\"model\":\"m\",\"stableVersion\":1,\"canaryVersion\":null,"
                + "\"canaryWeight\":0,\"requestedCanaryWeight\":0,\"labels\":{\"stable\":1},\"endpoints\":"
                + "[{\"version\":1,\"endpoints\":[\"http://a\"]}],\"futureField\":true}]}";
        RoutingTable table = RoutingTableJson.read(older.getBytes(StandardCharsets.UTF_8));
        assertThat(table.models().get(0).shadowVersion()).isNull();
        assertThat(table.models().get(0).shadowPercent()).isZero();
    }
}
