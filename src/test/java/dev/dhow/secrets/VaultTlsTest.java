package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Vault adapter over HTTPS with a private CA given in VAULT_CACERT, as self-hosted Vaults often are. */
class VaultTlsTest {
    @TempDir static Path tmp;
    static Path keystore;
    static Path caPem;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = tmp.resolve("server.p12");
        caPem = tmp.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "vault", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        run(keytool, "-exportcert", "-rfc", "-alias", "vault", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private static SSLContext serverTls() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static SecretAdapter adapter(Map<String, String> env) {
        return new Adapters(new ProcessRunner(env, ProcessBuilder.Redirect.PIPE, null),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))).lookup("vault");
    }

    @Test
    void trustsTheCertificateAuthorityInVaultCacert() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer(x -> new FakeHttpServer.Reply(200, "{\"data\":{\"data\":{\"K\":\"v\"}}}"), serverTls())) {
            var result = adapter(Map.of("VAULT_ADDR", server.url(), "VAULT_TOKEN", "t", "VAULT_CACERT", caPem.toString()))
                    .fetch(List.of("K"), null, "secret/app");

            assertEquals("{\"secret/app/K\":\"v\"}", KamalJson.dump(result));
        }
    }

    @Test
    void anUntrustedCertificateIsATlsFailure() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer(x -> new FakeHttpServer.Reply(200, "{}"), serverTls())) {
            var e = assertThrows(DhowException.class,
                    () -> adapter(Map.of("VAULT_ADDR", server.url(), "VAULT_TOKEN", "t")).fetch(List.of("K"), null, "secret/app"));

            assertTrue(e.getMessage().startsWith("vault: TLS handshake with " + server.url() + " failed"), e.getMessage());
        }
    }
}
