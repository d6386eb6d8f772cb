package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnpassAdapterTest {
    @TempDir Path tmp;

    private FakeCli enpass() {
        return new FakeCli(tmp).install("enpass-cli", """
case "$*" in
  "version") echo 'enpass-cli v1.6.3' ;;
  "-json -vault vault-path show FooBar"|"-json -vault vault-path show FooBar Hello")
    printf 'Enter vault password: ' >&2; read -r pw
    [ "$pw" = "hunter2" ] || { echo 'level=fatal msg="could not open vault" error="could not open database: file is not a database"' >&2; exit 1; }
    cat <<'JSON'
[
  {"category":"computer","label":"SECRET_1","login":"","password":"my-password-1","title":"FooBar","type":"password"},
  {"category":"computer","label":"SECRET_2","login":"","password":"my-password-2","title":"FooBar","type":"password"},
  {"category":"computer","label":"SECRET_3","login":"","password":"my-password-1","title":"Hello","type":"password"},
  {"category":"computer","label":"","login":"","password":"my-password-3","title":"FooBar","type":"password"}
]
JSON
    ;;
  "-json -vault wrong-path show FooBar") echo 'level=fatal msg="could not open vault" error="wrong-path/vault.json: no such file or directory"' >&2; exit 1 ;;
  *) exit 9 ;;
esac
""").typing("hunter2\n");
    }

    @Test
    void aWrongMasterPasswordIsOneMessageNamingVaultAndItem() {
        FakeCli cli = enpass().typing("wrong\n");

        var e = assertThrows(DhowException.class, () -> cli.adapter("enpass").fetch(List.of("FooBar"), null, "vault-path"));

        assertEquals("enpass: could not read FooBar from vault vault-path (enpass-cli: level=fatal msg=\"could not open vault\" "
                + "error=\"could not open database: file is not a database\")", e.getMessage());
        assertTrue(cli.stderr.toString().startsWith("Enter vault password: "));
    }

    @Test
    void aTitleAloneGivesEveryPasswordOfTheItem() {
        FakeCli cli = enpass();

        var result = cli.adapter("enpass").fetch(List.of("FooBar"), null, "vault-path");

        assertEquals("{\"FooBar/SECRET_1\":\"my-password-1\",\"FooBar/SECRET_2\":\"my-password-2\",\"FooBar\":\"my-password-3\"}",
                KamalJson.dump(result));
        assertEquals(List.of("enpass-cli version", "enpass-cli -json -vault vault-path show FooBar"), cli.calls());
    }

    @Test
    void titleSlashLabelGivesOnePasswordAndTitlesAreAskedOnce() {
        FakeCli cli = enpass();

        var result = cli.adapter("enpass").fetch(List.of("FooBar/SECRET_1", "FooBar/SECRET_2", "Hello/SECRET_3"), null, "vault-path");

        assertEquals("{\"FooBar/SECRET_1\":\"my-password-1\",\"FooBar/SECRET_2\":\"my-password-2\",\"Hello/SECRET_3\":\"my-password-1\"}",
                KamalJson.dump(result));
        assertEquals("enpass-cli -json -vault vault-path show FooBar Hello", cli.calls().get(1));
    }

    @Test
    void aLabelTheItemDoesNotHaveIsNamed() {
        var e = assertThrows(DhowException.class, () -> enpass().adapter("enpass").fetch(List.of("FooBar/NOPE"), null, "vault-path"));

        assertEquals("enpass: could not find FooBar/NOPE in vault vault-path", e.getMessage());
    }

    @Test
    void anUnreadableVaultIsOneMessage() {
        var e = assertThrows(DhowException.class, () -> enpass().adapter("enpass").fetch(List.of("FooBar"), null, "wrong-path"));

        assertEquals("enpass: could not read FooBar from vault wrong-path (enpass-cli: level=fatal msg=\"could not open vault\" "
                + "error=\"wrong-path/vault.json: no such file or directory\")", e.getMessage());
    }

    @Test
    void theVaultFolderIsRequired() {
        var e = assertThrows(DhowException.class, () -> enpass().adapter("enpass").fetch(List.of("FooBar"), null, null));

        assertEquals("enpass: --from must name the vault folder", e.getMessage());
    }

    @Test
    void aMissingEnpassCliIsOneMessage() {
        var e = assertThrows(DhowException.class, () -> new FakeCli(tmp).adapter("enpass").fetch(List.of("FooBar"), null, "v"));

        assertEquals("enpass: the 'enpass-cli' command is not installed (install enpass-cli: https://github.com/hazcod/enpass-cli)", e.getMessage());
    }
}
