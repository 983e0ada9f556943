package dev.falkor.orm.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed server certificates made at test time by the JDK's {@code keytool}, so no key
 * material is checked in. Each comes as a PKCS12 key store (for {@code TlsProxy}), a PKCS12 trust
 * store holding only the certificate, and the certificate as a PEM file (both for clients).
 */
public final class TestCertificates {
    /** Password of every generated store. */
    public static final String PASSWORD = "test-only-changeit";

    private TestCertificates() {
    }

    /** One generated certificate and the files that hold it. */
    public record Generated(Path keyStore, Path trustStore, Path pem, char[] password) {
    }

    /**
     * Generates a key pair and a self-signed certificate valid for two days.
     *
     * @param dir                     where the files go
     * @param name                    base name of the files and the certificate's common name
     * @param subjectAlternativeNames e.g. {@code "ip:127.0.0.1", "dns:localhost"}
     */
    public static Generated generate(Path dir, String name, String... subjectAlternativeNames) {
        Path keyStore = dir.resolve(name + "-key.p12");
        Path trustStore = dir.resolve(name + "-trust.p12");
        Path pem = dir.resolve(name + ".pem");
        List<String> cmd = new ArrayList<>(List.of(keytool().toString(), "-genkeypair", "-noprompt",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + name, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (subjectAlternativeNames.length > 0) {
            cmd.add("-ext");
            cmd.add("SAN=" + String.join(",", subjectAlternativeNames));
        }
        run(cmd);
        try {
            KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
            Certificate cert = keys.getCertificate("server");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", cert);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded());
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the certificate keytool made in " + keyStore, e);
        }
        return new Generated(keyStore, trustStore, pem, PASSWORD.toCharArray());
    }

    private static Path keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path tool = bin.resolve(System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException("No keytool in " + bin + " (a JDK, not a bare JRE, runs the tests)");
        }
        return tool;
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + p.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
