package io.verso.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * First-run seeding of an installed Verso (the Helm chart's post-install Job, compose's one-shot service): waits for
 * the registry to answer ready, then registers and promotes the demo models exactly as {@code bin/local-stack} does
 * ({@link DemoModels}), so the install's first curl commands answer. Idempotent: a second run finds everything there
 * and changes nothing. Exits 0 when the demo models are deployed, 1 with the reason otherwise.
 *
 * <p>Usage: {@code Seed <work directory>} with the environment {@code VERSO_SEED_REGISTRY_URL} (the registry's base
 * URL) and {@code VERSO_SEED_ADMIN_TOKEN} (an admin token; from the environment so it never shows in a process
 * list), and optionally {@code VERSO_SEED_WAIT} (how long to wait for the registry, ISO-8601 or seconds; 10 min).
 * The demo SavedModels are written (iris trained) under the work directory with TensorFlow Java.
 */
public final class Seed {

    private static final PrintStream OUT = System.out;

    private Seed() {
    }

    public static void main(String[] args) throws Exception {
        try {
            seed(Path.of(args.length > 0 ? args[0] : "var/seed"), System.getenv("VERSO_SEED_REGISTRY_URL"),
                    System.getenv("VERSO_SEED_ADMIN_TOKEN"), wait(System.getenv("VERSO_SEED_WAIT")));
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            OUT.println("[verso-seed] " + e.getMessage());
            System.exit(1);
        }
    }

    static void seed(Path work, String registryUrl, String adminToken, Duration wait)
            throws IOException, InterruptedException {
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("VERSO_SEED_REGISTRY_URL is not set (the registry's base URL)");
        }
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("VERSO_SEED_ADMIN_TOKEN is not set (a registry admin token)");
        }
        Http admin = new Http(URI.create(registryUrl.replaceAll("/+$", "") + "/"), adminToken.trim());
        awaitReady(admin, wait);
        Http.Answer tokenCheck = admin.get("/api/v1/models");
        if (tokenCheck.status() == 401 || tokenCheck.status() == 403) {
            throw new IllegalStateException("the registry refused the admin token (" + tokenCheck.status() + ")");
        }
        new DemoModels(admin, Files.createDirectories(work), OUT).registerAndPromote();
        OUT.println("[verso-seed] the demo models are registered and promoted");
    }

    private static void awaitReady(Http registry, Duration wait) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(wait);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                Http.Answer answer = registry.get("/actuator/health/readiness");
                if (answer.status() == 200) {
                    return;
                }
                last = "readiness " + answer.status();
            } catch (IOException e) {
                // Refused, timed out, or the Service name not resolvable yet: the registry is still starting.
                last = e.toString();
            }
            Thread.sleep(2000);
        }
        throw new IOException("the registry " + registry.base() + " was not ready within " + wait + " (" + last + ")");
    }

    private static Duration wait(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofMinutes(10);
        }
        return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                : Duration.parse(value);
    }
}
