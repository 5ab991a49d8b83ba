package io.verso.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine token the pod and the gateway read the registry's feeds with. The registry stores only its hash, so
 * the secret is kept in a file next to the stack's data and reused on the next start; a token the registry no longer
 * accepts (its database was reset) is replaced by a new one.
 */
final class MachineToken {

    private final Path file;
    private final Http admin;

    MachineToken(Path file, Http admin) {
        this.file = file;
        this.admin = admin;
    }

    String get() throws IOException, InterruptedException {
        if (Files.isRegularFile(file)) {
            String saved = Files.readString(file).trim();
            if (new Http(adminBase(), saved).get("/api/v1/feed/routing-table").status() == 200) {
                return saved;
            }
        }
        Http.Answer created = admin.post("/api/v1/tokens",
                "{\"name\": \"local-machine-" + System.currentTimeMillis() + "\", \"role\": \"machine\"}");
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("the registry refused a machine token: " + created.body());
        }
        String token = created.json().get("token").stringValue();
        Files.createDirectories(file.getParent());
        Files.writeString(file, token);
        return token;
    }

    private java.net.URI adminBase() {
        return admin.base();
    }
}
