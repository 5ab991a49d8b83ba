package io.verso.cli.output;

import java.io.PrintWriter;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code --page} and {@code --size} of a listing, passed to the registry as they are (it checks them). */
public final class Paging {

    @Option(names = "--page", paramLabel = "N", defaultValue = "0", description = "page, from 0 (default 0)")
    int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "items per page, 1–200 (default 50)")
    int size;

    public String query() {
        return "?page=" + page + "&size=" + size;
    }

    /** Under a table: says that there is more, and how to see it. */
    public void printMore(JsonNode listing, PrintWriter out) {
        int totalPages = listing.get("totalPages").asInt();
        if (page + 1 < totalPages) {
            out.println("(page " + (page + 1) + " of " + totalPages + ", " + listing.get("totalElements").asLong()
                    + " in all; next: --page " + (page + 1) + ")");
        }
    }
}
