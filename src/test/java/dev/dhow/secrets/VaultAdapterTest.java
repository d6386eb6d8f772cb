package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultAdapterTest {
    private static final String TOKEN = "hvs.CAESIGoodTokenDoNotLeak";
    private static final String MYAPP = """
            {"request_id":"0b1c","lease_id":"","renewable":false,"lease_duration":0,
             "data":{"data":{"DB_PASSWORD":"s3cr3t","PORT":5432,"TLS":{"on":true}},
                     "metadata":{"created_time":"2024-11-13T21:58:32.128442898Z","custom_metadata":null,"deletion_time":"","destroyed":false,"version":3}},
             "wrap_info":null,"warnings":null,"auth":null,"mount_type":"kv"}""";

    @TempDir Path tmp;
    private final List<String> namespaces = new CopyOnWriteArrayList<>();
    private FakeHttpServer server;

    private FakeHttpServer vault() {
        server = new FakeHttpServer(exchange -> {
            String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            namespaces.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Namespace")));
            if (!TOKEN.equals(token)) return new FakeHttpServer.Reply(403, "{\"errors\":[\"permission denied\"]}");
            return switch (exchange.getRequestURI().getPath()) {
                case "/v1/secret/data/myapp" -> new FakeHttpServer.Reply(200, MYAPP);
                case "/v1/secret/data/team/other app" -> new FakeHttpServer.Reply(200, "{\"data\":{\"data\":{\"KEY\":\"v\"}}}");
                case "/v1/secret/data/slow" -> {
                    Thread.sleep(3000);
                    yield new FakeHttpServer.Reply(200, MYAPP);
                }
                case "/v1/secret/data/broken" -> new FakeHttpServer.Reply(500, "{\"errors\":[\"internal error\"]}");
                default -> new FakeHttpServer.Reply(404, "{\"errors\":[]}");
            };
        });
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private SecretAdapter adapter(Map<String, String> env) {
        ProcessRunner runner = new ProcessRunner(env, ProcessBuilder.Redirect.PIPE, null);
        return new Adapters(runner, new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(500))).lookup("vault");
    }

    private Map<String, String> env(String token) {
        Map<String, String> env = new HashMap<>();
        env.put("VAULT_ADDR", server.url());
        env.put("VAULT_TOKEN", token);
        env.put("HOME", tmp.toString());
        return env;
    }

    @Test
    void readsKeysOfAKvV2SecretWithTheTokenHeader() {
        vault();

        var result = adapter(env(TOKEN)).fetch(List.of("DB_PASSWORD", "PORT"), null, "secret/myapp");

        assertEquals("{\"secret/myapp/DB_PASSWORD\":\"s3cr3t\",\"secret/myapp/PORT\":\"5432\"}", KamalJson.dump(result));
        assertEquals(List.of("GET /v1/secret/data/myapp"), server.requests);
        assertEquals(List.of("null"), namespaces);
    }

    @Test
    void withoutSecretsEveryKeyOfFromIsFetched() {
        vault();

        var result = adapter(env(TOKEN)).fetch(List.of(), null, "secret/myapp");

        assertEquals("{\"secret/myapp/DB_PASSWORD\":\"s3cr3t\",\"secret/myapp/PORT\":\"5432\",\"secret/myapp/TLS\":\"{\\\"on\\\":true}\"}",
                KamalJson.dump(result));
    }

    @Test
    void secretsMayNameMountPathAndKeyAndPathsAreEncoded() {
        vault();
        Map<String, String> env = env(TOKEN);
        env.put("VAULT_NAMESPACE", "admin/team");

        var result = adapter(env).fetch(List.of("secret/myapp/DB_PASSWORD", "secret/team/other app/KEY"), null, null);

        assertEquals("{\"secret/myapp/DB_PASSWORD\":\"s3cr3t\",\"secret/team/other app/KEY\":\"v\"}", KamalJson.dump(result));
        assertEquals(List.of("GET /v1/secret/data/myapp", "GET /v1/secret/data/team/other app"), server.requests);
        assertEquals(List.of("admin/team", "admin/team"), namespaces);
    }

    @Test
    void theTokenComesFromTheVaultTokenFileWhenTheVariableIsUnset() throws Exception {
        vault();
        Files.writeString(tmp.resolve(".vault-token"), TOKEN + "\n");
        Map<String, String> env = env(TOKEN);
        env.remove("VAULT_TOKEN");

        var result = adapter(env).fetch(List.of("DB_PASSWORD"), null, "secret/myapp");

        assertEquals("{\"secret/myapp/DB_PASSWORD\":\"s3cr3t\"}", KamalJson.dump(result));
    }

    @Test
    void aRejectedTokenIsPermissionDeniedWithoutTheToken() {
        vault();
        String wrong = "hvs.WrongTokenAlsoSecret";

        var e = assertThrows(DhowException.class, () -> adapter(env(wrong)).fetch(List.of("DB_PASSWORD"), null, "secret/myapp"));

        assertEquals("vault: permission denied reading secret/myapp (HTTP 403: permission denied); check VAULT_TOKEN and its policies", e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void aMissingSecretIsNotFoundNamingThePath() {
        vault();

        var e = assertThrows(DhowException.class, () -> adapter(env(TOKEN)).fetch(List.of("X"), null, "secret/nothing"));

        assertEquals("vault: no secret at secret/nothing (HTTP 404); is secret a KV v2 mount?", e.getMessage());
    }

    @Test
    void aMissingKeyIsNamed() {
        vault();

        var e = assertThrows(DhowException.class, () -> adapter(env(TOKEN)).fetch(List.of("NOPE"), null, "secret/myapp"));

        assertEquals("vault: secret/myapp has no key NOPE", e.getMessage());
    }

    @Test
    void aServerErrorShowsTheStatusAndVaultsErrors() {
        vault();

        var e = assertThrows(DhowException.class, () -> adapter(env(TOKEN)).fetch(List.of("X"), null, "secret/broken"));

        assertEquals("vault: reading secret/broken failed (HTTP 500: internal error)", e.getMessage());
    }

    @Test
    void aSlowServerTimesOutWithOneMessage() {
        vault();

        var e = assertThrows(DhowException.class, () -> adapter(env(TOKEN)).fetch(List.of("X"), null, "secret/slow"));

        assertEquals("vault: no answer from " + server.url() + " within 500ms (timeout)", e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void anUnreachableServerIsOneMessage() {
        vault();
        String url = server.url();
        server.close();
        Map<String, String> env = env(TOKEN);

        var e = assertThrows(DhowException.class, () -> adapter(env).fetch(List.of("X"), null, "secret/myapp"));

        assertEquals("vault: could not connect to " + url + " (connection refused)", e.getMessage());
        server = null;
    }

    @Test
    void addressAndTokenAreRequired() {
        var noAddr = assertThrows(DhowException.class, () -> adapter(Map.of("HOME", tmp.toString())).fetch(List.of("X"), null, "secret/a"));
        var noToken = assertThrows(DhowException.class,
                () -> adapter(Map.of("HOME", tmp.toString(), "VAULT_ADDR", "http://127.0.0.1:1")).fetch(List.of("X"), null, "secret/a"));

        assertEquals("vault: VAULT_ADDR is not set (e.g. https://vault.example.com:8200)", noAddr.getMessage());
        assertEquals("vault: VAULT_TOKEN is not set and there is no ~/.vault-token (run 'vault login' or export VAULT_TOKEN)", noToken.getMessage());
    }
}
