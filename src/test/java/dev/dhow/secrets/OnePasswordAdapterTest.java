package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnePasswordAdapterTest {
    @TempDir Path tmp;

    private static final String SIGNED_IN = """
            case "$*" in
              "--version") echo 2.30.0 ;;
              "account get --account myaccount") echo 'URL: my.1password.com' ;;
            """;

    private static final String FIELDS_JSON = """
            [
              {"id": "aaaa", "section": {"id": "cccc", "label": "section"}, "type": "CONCEALED", "label": "SECRET1",
               "value": "VALUE1", "reference": "op://myvault/myitem/section/SECRET1"},
              {"id": "bbbb", "section": {"id": "cccc", "label": "section"}, "type": "CONCEALED", "label": "SECRET2",
               "value": "VALUE2", "reference": "op://myvault/myitem/section/SECRET2"}
            ]
            """;

    @Test
    void fetchesTheFieldsOfEachItemWithOneOpCallPerItem() {
        FakeCli cli = new FakeCli(tmp).install("op", SIGNED_IN + """
                  "item get myitem --vault myvault --format json --account myaccount --fields label=section.SECRET1,label=section.SECRET2")
                    cat <<'JSON'
                %s
                JSON
                    ;;
                  "item get myitem2 --vault myvault --format json --account myaccount --fields label=password")
                    echo '{"id": "pppp", "type": "CONCEALED", "purpose": "PASSWORD", "label": "password", "value": "pw2", "reference": "op://myvault/myitem2/password"}' ;;
                  *) exit 9 ;;
                esac
                """.formatted(FIELDS_JSON));

        var result = cli.adapter("1password").fetch(
                List.of("myitem/section/SECRET1", "myitem/section/SECRET2", "myitem2"), "myaccount", "op://myvault");

        assertEquals("{\"myvault/myitem/section/SECRET1\":\"VALUE1\",\"myvault/myitem/section/SECRET2\":\"VALUE2\",\"myvault/myitem2\":\"pw2\"}",
                KamalJson.dump(result));
        assertEquals(List.of(
                "op --version",
                "op account get --account myaccount",
                "op item get myitem --vault myvault --format json --account myaccount --fields label=section.SECRET1,label=section.SECRET2",
                "op item get myitem2 --vault myvault --format json --account myaccount --fields label=password"), cli.calls());
    }

    @Test
    void fetchesEveryFieldOfTheItemNamedByFromWhenNoSecretsAreGiven() {
        FakeCli cli = new FakeCli(tmp).install("op", SIGNED_IN + """
                  "item get myitem --vault myvault --format json --account myaccount")
                    cat <<'JSON'
                {"id": "ucbt", "title": "myitem", "vault": {"id": "vu7k", "name": "myvault"}, "category": "LOGIN",
                 "fields": %s}
                JSON
                    ;;
                  *) exit 9 ;;
                esac
                """.formatted(FIELDS_JSON));

        var result = cli.adapter("one_password").fetch(List.of(), "myaccount", "op://myvault/myitem");

        assertEquals("{\"myvault/myitem/section/SECRET1\":\"VALUE1\",\"myvault/myitem/section/SECRET2\":\"VALUE2\"}", KamalJson.dump(result));
        assertEquals("op item get myitem --vault myvault --format json --account myaccount", cli.calls().get(2));
    }

    private static final String SIGNIN = """
            case "$*" in
              "--version") echo 2.30.0 ;;
              "account get --account myaccount") echo '[ERROR] 2024/09/01 12:00:00 account is not signed in' >&2; exit 1 ;;
              "signin --account myaccount --force --raw")
                printf 'Enter the password for me@example.com at my.1password.com: ' >&2
                read -r password
                if [ "$password" = "hunter2" ]; then echo 'SESSIONTOKEN123'; else
                  echo '[ERROR] 2024/09/01 12:00:01 Unauthorized: You aren'"'"'t signed in.' >&2; exit 1; fi ;;
              "item get myitem --vault myvault --format json --account myaccount --session SESSIONTOKEN123 --fields label=section.SECRET1")
                echo '{"id": "aaaa", "label": "SECRET1", "value": "VALUE1", "reference": "op://myvault/myitem/section/SECRET1"}' ;;
              *) exit 9 ;;
            esac
            """;

    @Test
    void signsInWhenNotSignedInAndPassesTheSessionToTheItemCall() {
        FakeCli cli = new FakeCli(tmp).install("op", SIGNIN).typing("hunter2\n");

        var result = cli.adapter("1password").fetch(List.of("section/SECRET1"), "myaccount", "op://myvault/myitem");

        assertEquals("{\"myvault/myitem/section/SECRET1\":\"VALUE1\"}", KamalJson.dump(result));
        assertEquals(List.of(
                "op --version",
                "op account get --account myaccount",
                "op signin --account myaccount --force --raw",
                "op item get myitem --vault myvault --format json --account myaccount --session SESSIONTOKEN123 --fields label=section.SECRET1"),
                cli.calls());
        assertTrue(cli.stderr.toString().contains("Enter the password for me@example.com"), "the sign-in prompt reaches the user");
        assertFalse(cli.stderr.toString().contains("account is not signed in"), "the quiet probe's stderr stays hidden");
    }

    @Test
    void aFailedSignInIsOneMessageNamingTheAccount() {
        FakeCli cli = new FakeCli(tmp).install("op", SIGNIN).typing("wrong\n");

        var e = assertThrows(DhowException.class,
                () -> cli.adapter("1password").fetch(List.of("section/SECRET1"), "myaccount", "op://myvault/myitem"));

        assertEquals("1password: sign-in to account myaccount failed (op: [ERROR] 2024/09/01 12:00:01 Unauthorized: You aren't signed in.)",
                e.getMessage());
    }

    @Test
    void anUnknownItemIsOneMessageNamingTheItemAndVault() {
        FakeCli cli = new FakeCli(tmp).install("op", SIGNED_IN + """
                  "item get nope --vault myvault --format json --account myaccount --fields label=password")
                    echo '[ERROR] 2024/09/01 12:00:00 "nope" isn'"'"'t an item in the "myvault" vault. Specify the item with its UUID, name, or domain.' >&2
                    exit 1 ;;
                  *) exit 9 ;;
                esac
                """);

        var e = assertThrows(DhowException.class, () -> cli.adapter("1password").fetch(List.of("myvault/nope"), "myaccount", null));

        assertEquals("1password: could not read password from item nope in vault myvault (op: [ERROR] 2024/09/01 12:00:00 \"nope\" "
                + "isn't an item in the \"myvault\" vault. Specify the item with its UUID, name, or domain.)", e.getMessage());
    }

    @Test
    void aMissingOpCommandIsOneMessageWithAnInstallHint() {
        FakeCli cli = new FakeCli(tmp);

        var e = assertThrows(DhowException.class, () -> cli.adapter("1password").fetch(List.of("a/b"), "myaccount", null));

        assertEquals("1password: the 'op' command is not installed "
                + "(install the 1Password CLI: https://developer.1password.com/docs/cli/get-started/)", e.getMessage());
        assertEquals(List.of(), cli.calls());
    }
}
