/**
 * Registered models: the {@link io.verso.registry.model.Model} entity and its repository.
 * Plain JPA and Spring Data only; must not import {@code io.verso.registry.config}.
 */
package io.verso.registry.model;
