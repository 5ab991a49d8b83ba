package io.verso.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Maps (model, routing key) to a bucket 0–99. SHA-256 rather than {@code String.hashCode}, so that every gateway
 * replica and every JVM agrees, and so that keys differing in one character still spread evenly.
 */
public final class StickyHash {

    private StickyHash() {
    }

    public static int bucket(String model, String routingKey) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide SHA-256", e);
        }
        digest.update(model.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        byte[] hash = digest.digest(routingKey.getBytes(StandardCharsets.UTF_8));
        long head = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            head = (head << 8) | (hash[i] & 0xff);
        }
        return (int) Math.floorMod(head, 100L);
    }
}
