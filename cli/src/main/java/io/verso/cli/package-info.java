/**
 * The {@code verso} admin command: picocli commands over the registry's {@code /api/v1}, one subpackage per feature.
 * Every command writes through the {@link io.verso.cli.Terminal} it is given, so tests run it in process.
 */
package io.verso.cli;
