/** {@code verso models list|create}. */
package io.verso.cli.models;
