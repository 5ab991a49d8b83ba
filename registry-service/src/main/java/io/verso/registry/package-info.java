/**
 * Registry service: the source of truth for models, versions and deployments, on PostgreSQL.
 * Feature packages sit below this one; {@code config} is the composition root and nothing imports it.
 */
package io.verso.registry;
