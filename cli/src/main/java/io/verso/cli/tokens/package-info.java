/** {@code verso tokens list|create|revoke}: the registry's API tokens, for admins. */
package io.verso.cli.tokens;
