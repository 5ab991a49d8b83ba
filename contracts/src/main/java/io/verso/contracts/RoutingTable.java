package io.verso.contracts;

import java.util.List;
import java.util.Objects;

/**
 * How a gateway splits traffic: {@code GET /api/v1/feed/routing-table}. Derived from the deployments and from the
 * pods' reports, so it changes when an operator acts and when pods load, fail or expire.
 *
 * @param revision identifies this content: the HTTP {@code ETag} is {@code "<revision>"} (a hash of the content,
 *                 equal across restarts and replicas); send it back as {@code If-None-Match} to long-poll
 * @param models   one route per deployed model, sorted by name
 */
public record RoutingTable(String revision, List<ModelRoute> models) {

    public RoutingTable {
        Objects.requireNonNull(revision, "revision");
        models = List.copyOf(models);
    }
}
