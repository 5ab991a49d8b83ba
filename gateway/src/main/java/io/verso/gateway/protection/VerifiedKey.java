package io.verso.gateway.protection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An API key the gateway has verified, with what it may do. The key itself is not kept: {@link #id} is a SHA-256
 * prefix of it, which rate limits, logs and Redis use, so no store of the gateway ever holds a usable key.
 *
 * @param id       the first 128 bits of the key's SHA-256, hex
 * @param models   models the key may call; null: every model
 * @param feedback whether the key may post feedback labels
 */
public record VerifiedKey(String id, List<String> models, boolean feedback) {

    /** The exchange attribute the key filter leaves for the filters after it. */
    public static final String ATTRIBUTE = VerifiedKey.class.getName();

    public VerifiedKey {
        models = models == null ? null : List.copyOf(models);
    }

    /** A key allowed everything: one listed in the gateway's own configuration. */
    static VerifiedKey unrestricted(String key) {
        return new VerifiedKey(idOf(key), null, true);
    }

    /** Whether the key may call {@code model}; a request that names no model (server metadata) may go on. */
    public boolean mayCall(String model) {
        return models == null || model == null || models.contains(model);
    }

    static String idOf(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide SHA-256", e);
        }
    }
}
