package io.verso.registry.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Webhook secrets are encrypted in the database (AES-256-GCM), so that a copy of the database — a backup, a dump
 * handed to support — does not let anyone sign events as this registry. The key is the SHA-256 of
 * {@code verso.registry.webhooks.secret-key}, or, when that is not set, of a random passphrase the registry writes
 * once to a file in the artifact root (owner-only), where every replica finds the same one.
 *
 * <p>Stored form: {@code v1:} and the Base64 of a fresh 12-byte nonce followed by the ciphertext and its tag.
 */
@Component
class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    WebhookSecrets(WebhookSettings settings) {
        String passphrase = settings.secretKey() != null ? settings.secretKey() : keyFileContent(settings.keyFile());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES-GCM", e);
        }
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** @throws UnreadableSecretException when this registry's key did not seal it (the key changed) */
    String open(String stored) {
        if (!isSealed(stored)) {
            throw new UnreadableSecretException("it is not in the sealed form " + PREFIX);
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("it was sealed with another key"
                    + " (verso.registry.webhooks.secret-key changed?)");
        }
    }

    static final class UnreadableSecretException extends RuntimeException {
        UnreadableSecretException(String why) {
            super("the webhook's secret cannot be decrypted: " + why);
        }
    }

    /** Created once, atomically: replicas starting together agree on the first file written. */
    private static String keyFileContent(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                Path temporary = Files.createTempFile(Files.createDirectories(file.getParent()), ".webhook-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes), StandardOpenOption.WRITE);
                try {
                    Files.createLink(file, temporary);
                    log.info("Generated the key that encrypts webhook secrets: {} (set"
                            + " verso.registry.webhooks.secret-key to manage it yourself)", file);
                } catch (FileAlreadyExistsException anotherReplicaWasFirst) {
                    // Its key stands; ours was never used.
                } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                    // Some shared volumes have no hard links. A rename is atomic too, but would replace a key that
                    // another replica wrote in the same instant: only replicas starting together can meet that.
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the webhook secret key in " + file, e);
        }
    }
}
