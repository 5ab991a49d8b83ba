/**
 * {@code verso audit} and {@code verso watch}: the deployment's audit trail, once or followed live. Following polls
 * the deployment with {@code If-None-Match} (the registry answers 304 while its revision stands) and reads the new
 * history entries only when the revision moved.
 */
package io.verso.cli.audit;
