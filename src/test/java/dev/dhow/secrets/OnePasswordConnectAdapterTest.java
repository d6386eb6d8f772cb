package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnePasswordConnectAdapterTest {
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6Imdvb2QifQ.connect-token";
    private static final String VAULT_ID = "ytrfte14kw1uex5txaore1emkz";
    private static final String ITEM_ID = "wepiqdxdzncjtnvmv5fegud4qy";
    private static final String ITEM = """
            {"id": "%s", "title": "Web", "vault": {"id": "%s"}, "category": "LOGIN", "version": 3,
             "sections": [{"id": "add more"}, {"id": "sec1", "label": "db"}],
             "fields": [
               {"id": "username", "type": "STRING", "purpose": "USERNAME", "label": "username", "value": "admin"},
               {"id": "password", "type": "CONCEALED", "purpose": "PASSWORD", "label": "password", "value": "hunter2",
                "entropy": 57.6, "passwordDetails": {"strength": "FANTASTIC"}},
               {"id": "f1", "section": {"id": "add more"}, "type": "CONCEALED", "label": "RAILS_MASTER_KEY", "value": "abc123"},
               {"id": "f2", "section": {"id": "sec1"}, "type": "CONCEALED", "label": "PASSWORD", "value": "dbpw"},
               {"id": "notesPlain", "type": "STRING", "purpose": "NOTES", "label": "notesPlain"}
             ],
             "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-02T00:00:00Z"}""".formatted(ITEM_ID, VAULT_ID);

    private FakeHttpServer server;

    @BeforeEach
    void start() {
        server = new FakeHttpServer(exchange -> {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                return new FakeHttpServer.Reply(401, "{\"status\":401,\"message\":\"Invalid token signature\"}");
            }
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            if (path.equals("/v1/vaults")) {
                return switch (query) {
                    case "filter=name eq \"Production\"" -> new FakeHttpServer.Reply(200,
                            "[{\"id\":\"" + VAULT_ID + "\",\"name\":\"Production\",\"attributeVersion\":1,\"contentVersion\":7,\"items\":3,\"type\":\"USER_CREATED\"}]");
                    case "filter=name eq \"Restricted\"" -> new FakeHttpServer.Reply(200, "[{\"id\":\"restrictedvaultid000000000\",\"name\":\"Restricted\"}]");
                    default -> new FakeHttpServer.Reply(200, "[]");
                };
            }
            if (path.equals("/v1/vaults/restrictedvaultid000000000/items")) {
                return new FakeHttpServer.Reply(403, "{\"status\":403,\"message\":\"Authorization: Access denied\"}");
            }
            if (path.equals("/v1/vaults/" + VAULT_ID + "/items")) {
                return switch (query) {
                    case "filter=title eq \"Web\"" -> new FakeHttpServer.Reply(200,
                            "[{\"id\":\"" + ITEM_ID + "\",\"title\":\"Web\",\"vault\":{\"id\":\"" + VAULT_ID + "\"},\"category\":\"LOGIN\"}]");
                    case "filter=title eq \"Ghost\"" -> new FakeHttpServer.Reply(200, "[{\"id\":\"ghostitemid0000000000000000\",\"title\":\"Ghost\"}]");
                    default -> new FakeHttpServer.Reply(200, "[]");
                };
            }
            if (path.equals("/v1/vaults/" + VAULT_ID + "/items/" + ITEM_ID)) return new FakeHttpServer.Reply(200, ITEM);
            return new FakeHttpServer.Reply(404, "{\"status\":404,\"message\":\"item not found\"}");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SecretAdapter adapter(String token) {
        Map<String, String> env = Map.of("OP_CONNECT_HOST", server.url() + "/", "OP_CONNECT_TOKEN", token);
        return new Adapters(new ProcessRunner(env, ProcessBuilder.Redirect.PIPE, null),
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))).lookup("1password-connect");
    }

    @Test
    void findsVaultAndItemByNameThenReadsTheLabelledFields() {
        var result = adapter(TOKEN).fetch(List.of("RAILS_MASTER_KEY", "db/PASSWORD", "password"), null, "Production/Web");

        assertEquals("{\"Production/Web/RAILS_MASTER_KEY\":\"abc123\",\"Production/Web/db/PASSWORD\":\"dbpw\",\"Production/Web\":\"hunter2\"}",
                KamalJson.dump(result));
        assertEquals(List.of(
                "GET /v1/vaults?filter=name eq \"Production\"",
                "GET /v1/vaults/" + VAULT_ID + "/items?filter=title eq \"Web\"",
                "GET /v1/vaults/" + VAULT_ID + "/items/" + ITEM_ID), server.requests);
    }

    @Test
    void withoutSecretsEveryFieldWithAValueIsFetched() {
        var result = adapter(TOKEN).fetch(List.of(), null, "Production/Web");

        assertEquals("{\"Production/Web/username\":\"admin\",\"Production/Web\":\"hunter2\",\"Production/Web/RAILS_MASTER_KEY\":\"abc123\","
                + "\"Production/Web/db/PASSWORD\":\"dbpw\"}", KamalJson.dump(result));
    }

    @Test
    void aRejectedTokenIsHttp401WithoutTheToken() {
        String wrong = "eyJ.wrong-token-secret";

        var e = assertThrows(DhowException.class, () -> adapter(wrong).fetch(List.of("password"), null, "Production/Web"));

        assertEquals("1password-connect: the Connect server at " + server.url() + " rejected OP_CONNECT_TOKEN (HTTP 401: Invalid token signature)",
                e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void aVaultOutsideTheTokensAccessIsHttp403NamingTheItem() {
        var e = assertThrows(DhowException.class, () -> adapter(TOKEN).fetch(List.of("password"), null, "Restricted/Web"));

        assertEquals("1password-connect: access to item Web in vault Restricted denied (HTTP 403: Authorization: Access denied); "
                + "does the token's access include that vault?", e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void anItemThatVanishedIsHttp404NamingIt() {
        var e = assertThrows(DhowException.class, () -> adapter(TOKEN).fetch(List.of("password"), null, "Production/Ghost"));

        assertEquals("1password-connect: item Ghost in vault Production not found (HTTP 404: item not found)", e.getMessage());
    }

    @Test
    void unknownVaultItemAndFieldAreEachNamed() {
        var vault = assertThrows(DhowException.class, () -> adapter(TOKEN).fetch(List.of("x"), null, "Nope/Web"));
        var item = assertThrows(DhowException.class, () -> adapter(TOKEN).fetch(List.of("x"), null, "Production/Nope"));
        var field = assertThrows(DhowException.class, () -> adapter(TOKEN).fetch(List.of("NOPE"), null, "Production/Web"));

        assertEquals("1password-connect: no vault named Nope (or the token may not read it)", vault.getMessage());
        assertEquals("1password-connect: no item Nope in vault Production", item.getMessage());
        assertEquals("1password-connect: no field NOPE in item Web of vault Production", field.getMessage());
    }

    @Test
    void hostAndTokenAreRequired() {
        var e = assertThrows(DhowException.class, () -> new Adapters(new ProcessRunner(Map.of(), ProcessBuilder.Redirect.PIPE, null), Timeouts.DEFAULT)
                .lookup("1password-connect").fetch(List.of("x"), null, "a/b"));

        assertEquals("1password-connect: OP_CONNECT_HOST is not set (e.g. http://localhost:8080)", e.getMessage());
    }
}
