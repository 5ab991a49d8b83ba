package io.verso.cli.login;

/** What {@code verso login} keeps in {@code config.json}. */
public record StoredLogin(String registry, String token) {
}
