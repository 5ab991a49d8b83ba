package io.verso.registry.model;

import java.time.Instant;

/**
 * A model as the API shows it.
 *
 * @param latestVersion highest version number registered so far, 0 before the first
 */
public record ModelView(String name, String description, String owner, boolean archived, long latestVersion,
                        Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static ModelView of(Model model) {
        return new ModelView(model.getName(), model.getDescription(), model.getOwner(), model.isArchived(),
                model.getLastVersion(), model.getCreatedAt(), model.getUpdatedAt(), model.getArchivedAt());
    }
}
