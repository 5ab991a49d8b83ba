package io.verso.artifact;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 that names an archive everywhere: the CLI sends it with an upload, the registry checks the bytes and
 * stores them under it, pods verify each download against it. Written as lower-case hex.
 */
public final class ArchiveDigest {

    private ArchiveDigest() {
    }

    /** A fresh digest to feed as the archive's bytes stream past (DigestInputStream, DigestOutputStream). */
    public static MessageDigest start() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest's value as hex; the digest is reset. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hex SHA-256 of an archive held in memory. */
    public static String of(byte[] archive) {
        MessageDigest digest = start();
        digest.update(archive);
        return hex(digest);
    }
}
