package io.verso.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for {@code localhost} / {@code 127.0.0.1} and its private key as PEM files, made by the JDK's own
 * {@code keytool} (no test-only crypto library needed): what an operator hands the gateway for TLS.
 *
 * @param certificate the PEM certificate (also what a client trusts)
 * @param privateKey  the PEM PKCS#8 private key
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

    private static final String PASSWORD = "changeit";

    public static SelfSignedCertificate create(Path directory) {
        Path store = directory.resolve("tls.p12");
        try {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            Path certificate = Files.writeString(directory.resolve("tls.crt"),
                    pem("CERTIFICATE", keys.getCertificate("tls").getEncoded()));
            Path privateKey = Files.writeString(directory.resolve("tls.key"),
                    pem("PRIVATE KEY", keys.getKey("tls", PASSWORD.toCharArray()).getEncoded()));
            return new SelfSignedCertificate(certificate, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
