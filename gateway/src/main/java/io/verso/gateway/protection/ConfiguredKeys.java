package io.verso.gateway.protection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Keys listed in the gateway's configuration, consulted before the registry (if any); they may call every model and
 * post feedback. Compared in constant time so that response timing does not reveal a key's prefix.
 */
public final class ConfiguredKeys implements KeyVerifier {

    private final List<byte[]> keys;
    private final KeyVerifier next;

    /** @param next asked when no configured key matches; {@code null} rejects such keys */
    public ConfiguredKeys(List<String> keys, KeyVerifier next) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.next = next;
    }

    @Override
    public Mono<VerifiedKey> verify(String key) {
        byte[] candidate = key.getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] configured : keys) {
            matched |= MessageDigest.isEqual(configured, candidate);
        }
        if (matched) {
            return Mono.just(VerifiedKey.unrestricted(key));
        }
        return next == null ? Mono.empty() : next.verify(key);
    }
}
