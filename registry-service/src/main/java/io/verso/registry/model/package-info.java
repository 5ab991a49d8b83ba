/**
 * Registered models and their versions: entities, the registration service (upload or URI, through
 * {@code model.artifact}), the admin endpoints and the artifact download for pods. Imports {@code web} and
 * {@code model.artifact}; never {@code deployment}, {@code feed} or {@code config} (it announces changes as events).
 */
package io.verso.registry.model;
