package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastPassAdapterTest {
    @TempDir Path tmp;

    private static final String SHOW = """
      "show FOLDER1/FSECRET1 --json") echo '[{"id": "1234567891234567892", "name": "FSECRET1", "fullname": "FOLDER1/FSECRET1", "password": "fsecret1"}]' ;;
      "show SECRET1 FOLDER1/FSECRET1 --json") cat <<'JSON'
[
  {"id": "1234567891234567891", "name": "SECRET1", "fullname": "SECRET1", "username": "", "password": "secret1",
   "last_modified_gmt": "1724926054", "last_touch": "1724926639", "group": "", "url": "", "note": ""},
  {"id": "1234567891234567892", "name": "FSECRET1", "fullname": "FOLDER1/FSECRET1", "username": "", "password": "fsecret1",
   "last_modified_gmt": "1724926084", "last_touch": "1724926635", "group": "FOLDER1", "url": "", "note": ""}
]
JSON
        ;;
      "show SECRET1 NOPE --json") echo 'Error: Could not find specified account(s).' >&2; exit 1 ;;
      "show SECRET1 OTHER --json") echo '[{"fullname": "SECRET1", "password": "secret1"}]' ;;
      *) exit 9 ;;
    esac
""";

    private FakeCli loggedIn() {
        return new FakeCli(tmp).install("lpass", """
                case "$*" in
                  "--version") echo 'LastPass CLI v1.6.1' ;;
                  "status --color never") echo 'Logged in as email@example.com.' ;;
                """ + SHOW);
    }

    @Test
    void showsAllSecretsWithOneCallKeyedByFullName() {
        FakeCli cli = loggedIn();

        var result = cli.adapter("lastpass").fetch(List.of("SECRET1", "FOLDER1/FSECRET1"), "email@example.com", null);

        assertEquals("{\"SECRET1\":\"secret1\",\"FOLDER1/FSECRET1\":\"fsecret1\"}", KamalJson.dump(result));
        assertEquals(List.of("lpass --version", "lpass status --color never", "lpass show SECRET1 FOLDER1/FSECRET1 --json"), cli.calls());
    }

    @Test
    void fromIsTheFolderPrefix() {
        FakeCli cli = loggedIn();

        var result = cli.adapter("last_pass").fetch(List.of("FSECRET1"), "email@example.com", "FOLDER1");

        assertEquals("{\"FOLDER1/FSECRET1\":\"fsecret1\"}", KamalJson.dump(result));
    }

    @Test
    void logsInWhenNotLoggedInAsTheAccount() {
        FakeCli cli = new FakeCli(tmp).install("lpass", """
                case "$*" in
                  "--version") echo 'LastPass CLI v1.6.1' ;;
                  "status --color never") echo 'Not logged in.'; exit 1 ;;
                  "login email@example.com") printf 'Master Password: ' >&2; read -r pw; [ "$pw" = hunter2 ] || { echo 'Error: Failed to enter correct password.' >&2; exit 1; }; echo 'Success: Logged in as email@example.com.' ;;
                """ + SHOW).typing("hunter2\n");

        cli.adapter("lastpass").fetch(List.of("SECRET1", "FOLDER1/FSECRET1"), "email@example.com", null);

        assertEquals(List.of("lpass --version", "lpass status --color never", "lpass login email@example.com",
                "lpass show SECRET1 FOLDER1/FSECRET1 --json"), cli.calls());
    }

    @Test
    void aFailedLoginIsOneMessage() {
        FakeCli cli = new FakeCli(tmp).install("lpass", """
                case "$*" in
                  "--version") echo 'LastPass CLI v1.6.1' ;;
                  "status --color never") echo 'Not logged in.'; exit 1 ;;
                  "login email@example.com") printf 'Master Password: ' >&2; read -r pw; echo 'Error: Failed to enter correct password.' >&2; exit 1 ;;
                esac
                """).typing("wrong\n");

        var e = assertThrows(DhowException.class, () -> cli.adapter("lastpass").fetch(List.of("SECRET1"), "email@example.com", null));

        assertEquals("lastpass: login as email@example.com failed (lpass: Error: Failed to enter correct password.)", e.getMessage());
    }

    @Test
    void anUnknownEntryIsOneMessageNamingTheEntries() {
        var e = assertThrows(DhowException.class, () -> loggedIn().adapter("lastpass").fetch(List.of("SECRET1", "NOPE"), "email@example.com", null));

        assertEquals("lastpass: could not read SECRET1, NOPE (lpass: Error: Could not find specified account(s).)", e.getMessage());
    }

    @Test
    void anEntryMissingFromTheAnswerIsNamed() {
        var e = assertThrows(DhowException.class,
                () -> loggedIn().adapter("lastpass").fetch(List.of("SECRET1", "OTHER"), "email@example.com", null));

        assertEquals("lastpass: could not find OTHER", e.getMessage());
    }
}
