package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BitwardenAdapterTest {
    @TempDir Path tmp;

    private static final String UNLOCKED = "{\"serverUrl\":null,\"lastSync\":\"2024-09-04T10:11:12.433Z\",\"userEmail\":\"email@example.com\",\"status\":\"unlocked\"}";
    private static final String LOCKED = "{\"serverUrl\":null,\"lastSync\":\"2024-09-04T10:11:12.433Z\",\"userEmail\":\"email@example.com\",\"status\":\"locked\"}";
    private static final String UNAUTHENTICATED = "{\"serverUrl\":null,\"lastSync\":null,\"status\":\"unauthenticated\"}";

    private static final String ITEMS = """
              "get item mypassword")
                echo '{"object":"item","id":"aaaa","type":1,"name":"mypassword","login":{"uris":[],"username":null,"password":"secret123","totp":null}}' ;;
              "get item myitem")
                echo '{"object":"item","id":"bbbb","type":1,"name":"myitem","fields":[{"name":"field1","value":"secret1","type":1,"linkedId":null},{"name":"field2","value":"blam","type":1,"linkedId":null}],"login":{"username":null,"password":null}}' ;;
              "get item mynote")
                echo '{"object":"item","id":"cccc","type":2,"name":"mynote","notes":"NOTES","secureNote":{"type":0}}' ;;
              "get item mynotefields")
                echo '{"object":"item","id":"dddd","type":2,"name":"mynotefields","fields":[{"name":"field1","value":"secret1","type":1},{"name":"field4","value":"auto","type":1}],"secureNote":{"type":0}}' ;;
              "get item missing")
                echo 'Not found.' >&2; exit 1 ;;
              *) exit 9 ;;
            esac
            """;

    private FakeCli unlocked() {
        return new FakeCli(tmp).install("bw", """
                case "$*" in
                  "--version") echo 2024.9.0 ;;
                  "status") echo '%s' ;;
                  "sync") echo 'Syncing complete.' ;;
                """.formatted(UNLOCKED) + ITEMS);
    }

    @Test
    void fetchesLoginPasswordsAndCustomFieldsOfUnlockedVault() {
        FakeCli cli = unlocked();

        var result = cli.adapter("bitwarden").fetch(List.of("mypassword", "myitem/field1", "myitem/field2", "mynotefields"), "email@example.com", null);

        assertEquals("{\"mypassword\":\"secret123\",\"myitem/field1\":\"secret1\",\"myitem/field2\":\"blam\","
                + "\"mynotefields/field1\":\"secret1\",\"mynotefields/field4\":\"auto\"}", KamalJson.dump(result));
        assertEquals(List.of("bw --version", "bw status", "bw sync", "bw get item mypassword", "bw get item myitem", "bw get item mynotefields"),
                cli.calls());
    }

    @Test
    void fromNamesTheItemWhoseFieldsAreFetched() {
        var result = unlocked().adapter("bitwarden").fetch(List.of("field1", "field2"), "email@example.com", "myitem");

        assertEquals("{\"myitem/field1\":\"secret1\",\"myitem/field2\":\"blam\"}", KamalJson.dump(result));
    }

    @Test
    void logsInAndUnlocksThenUsesTheSessionThroughTheEnvironmentNotArgv() {
        FakeCli cli = new FakeCli(tmp).install("bw", """
                state="$FAKE_LOG.state"
                case "$*" in
                  "--version") echo 2024.9.0 ;;
                  "status")
                    if [ -n "$BW_SESSION" ]; then echo '%s';
                    elif [ -f "$state" ]; then echo '%s'; else echo '%s'; fi ;;
                  "login email@example.com")
                    printf '? Master password: [hidden] ' >&2; read -r pw
                    [ "$pw" = "hunter2" ] || { echo 'Username or password is incorrect. Try again.' >&2; exit 1; }
                    touch "$state"; echo 'You are logged in!' ;;
                  "unlock --raw") printf '? Master password: [hidden] ' >&2; read -r pw; printf 'SESSION0987' ;;
                  "sync") [ "$BW_SESSION" = "SESSION0987" ] || exit 1; echo 'Syncing complete.' ;;
                """.formatted(UNLOCKED, LOCKED, UNAUTHENTICATED) + ITEMS).typing("hunter2\nhunter2\n");

        var result = cli.adapter("bitwarden").fetch(List.of("mypassword"), "email@example.com", null);

        assertEquals("{\"mypassword\":\"secret123\"}", KamalJson.dump(result));
        assertEquals(List.of(
                "bw --version",
                "bw status",
                "bw login email@example.com",
                "bw status",
                "bw unlock --raw",
                "BW_SESSION=SESSION0987 bw status",
                "BW_SESSION=SESSION0987 bw sync",
                "BW_SESSION=SESSION0987 bw get item mypassword"), cli.calls());
        assertTrue(cli.stderr.toString().contains("? Master password:"), "prompts reach the user");
    }

    @Test
    void aFailedLoginIsOneMessageNamingTheAccount() {
        FakeCli cli = new FakeCli(tmp).install("bw", """
                case "$*" in
                  "--version") echo 2024.9.0 ;;
                  "status") echo '%s' ;;
                  "login email@example.com") printf '? Master password: [hidden] ' >&2; read -r pw; echo 'Username or password is incorrect. Try again.' >&2; exit 1 ;;
                esac
                """.formatted(UNAUTHENTICATED)).typing("wrong\n");

        var e = assertThrows(DhowException.class, () -> cli.adapter("bitwarden").fetch(List.of("x"), "email@example.com", null));

        assertEquals("bitwarden: login as email@example.com failed (bw: Username or password is incorrect. Try again.)",
                e.getMessage());
    }

    @Test
    void anUnknownItemIsOneMessageNamingIt() {
        var e = assertThrows(DhowException.class, () -> unlocked().adapter("bitwarden").fetch(List.of("missing"), "email@example.com", null));

        assertEquals("bitwarden: could not read item missing (bw: Not found.)", e.getMessage());
    }

    @Test
    void anItemWithoutPasswordOrFieldsNeedsAField() {
        var e = assertThrows(DhowException.class, () -> unlocked().adapter("bitwarden").fetch(List.of("mynote"), "email@example.com", null));

        assertEquals("bitwarden: item mynote is not a login type item and no fields were specified", e.getMessage());
    }

    @Test
    void anUnknownFieldIsOneMessageNamingFieldAndItem() {
        var e = assertThrows(DhowException.class, () -> unlocked().adapter("bitwarden").fetch(List.of("myitem/nope"), "email@example.com", null));

        assertEquals("bitwarden: could not find field nope in item myitem", e.getMessage());
    }

    @Test
    void aMissingBwCommandIsOneMessage() {
        var e = assertThrows(DhowException.class, () -> new FakeCli(tmp).adapter("bitwarden").fetch(List.of("x"), "email@example.com", null));

        assertEquals("bitwarden: the 'bw' command is not installed (install the Bitwarden CLI: https://bitwarden.com/help/cli/)", e.getMessage());
    }
}
