/**
 * Real PostgreSQL for registry tests, never H2: annotate a Spring test with {@link WithPostgres}, or call
 * {@link TestPostgres#runDatabase()} directly. The server is chosen once per JVM; see {@link PostgresServers}.
 */
package io.verso.registry.testsupport;
