/** {@code verso login} and where a command finds its registry URL and token: options, environment, config file. */
package io.verso.cli.login;
