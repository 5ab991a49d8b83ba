package io.verso.registry.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A running PostgreSQL server that tests may create databases on.
 *
 * @param description which kind of server this is, for the test log
 * @param admin       a connection to an existing database on it, used to create and drop others
 * @param external    {@code true} when the server outlives the tests, so their databases must be dropped
 */
public record PostgresServer(String description, JdbcTarget admin, boolean external) {

    // Database names are spliced into DDL (identifiers cannot be bind parameters), so only plain ones pass.
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public JdbcTarget createDatabase(String name) {
        execute("CREATE DATABASE " + checked(name),
                "could not create database " + name + " (the user needs the CREATEDB privilege)");
        return admin.withDatabase(name);
    }

    /** {@code WITH (FORCE)} (PostgreSQL 13+) ends connections that pools of still-open contexts hold. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)", "could not drop database " + name);
    }

    private void execute(String sql, String failure) {
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(failure + " on " + admin + ": " + e.getMessage(), e);
        }
    }

    private static String checked(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
        return name;
    }
}
