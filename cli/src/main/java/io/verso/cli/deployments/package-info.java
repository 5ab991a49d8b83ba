/** {@code verso deployments show} and the transitions: {@code canary}, {@code weight}, {@code promote}, {@code rollback}. */
package io.verso.cli.deployments;
