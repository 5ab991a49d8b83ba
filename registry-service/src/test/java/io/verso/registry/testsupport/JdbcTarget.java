package io.verso.registry.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a JDBC connection goes: a {@code jdbc:postgresql://host[:port][/database][?query]} URL and its
 * credentials ({@code null} user or password: let the driver and server decide, e.g. trust auth).
 */
public record JdbcTarget(String url, String user, String password) {

    private static final String PREFIX = "jdbc:postgresql://";

    public JdbcTarget {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("expected a " + PREFIX + "host[:port]/database URL, got: " + url);
        }
    }

    /** The same server and credentials, another database; the URL's query (ssl, timeouts...) is kept. */
    public JdbcTarget withDatabase(String database) {
        int authorityEnd = url.length();
        for (int i = PREFIX.length(); i < url.length(); i++) {
            if (url.charAt(i) == '/' || url.charAt(i) == '?') {
                authorityEnd = i;
                break;
            }
        }
        int queryStart = url.indexOf('?', authorityEnd);
        String query = queryStart < 0 ? "" : url.substring(queryStart);
        return new JdbcTarget(url.substring(0, authorityEnd) + "/" + database + query, user, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    /** A connection attempt bounded in time, so an absent server costs a test run seconds, not minutes. */
    public boolean isReachable() {
        Properties props = credentials();
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url, props)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private Properties credentials() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** Leaves the password out: this ends up in test logs. */
    @Override
    public String toString() {
        return url + " as " + (user == null ? "<driver default user>" : user);
    }
}
