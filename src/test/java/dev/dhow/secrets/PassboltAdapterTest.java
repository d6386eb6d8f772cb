package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassboltAdapterTest {
    @TempDir Path tmp;

    private static final String PROJECT = "dcbe0e39-42d8-42db-9637-8256b9f2f8e3";
    private static final String SUB = "6a3f21fc-aa40-4ba9-852c-7477fdd0310d";

    private FakeCli passbolt(String verify) {
        return new FakeCli(tmp).install("passbolt", """
resources() { printf '[{"id":"4c11","folder_parent_id":"%%s","name":"FSECRET1","username":"","uri":"","password":"fsecret1","description":""},{"id":"dd32","folder_parent_id":"%%s","name":"SECRET1","username":"","uri":"","password":"secret1","description":""}]\\n' "$1" "$1"; }
case "$*" in
  "--version") echo 'passbolt version v0.3.2' ;;
  "verify") %s ;;
  'list resources --filter Name == "SECRET1" || Name == "FSECRET1" --column name --column password --json') resources '' ;;
  'list folders --filter Name == "my-project" --json')
    echo '[{"id":"%s","folder_parent_id":"","name":"my-project","created_timestamp":"2025-02-21T19:52:50Z","modified_timestamp":"2025-02-21T19:52:50Z"}]' ;;
  'list folders --filter Name == "subfolder" && FolderParentID == "%s" --json')
    echo '[{"id":"%s","folder_parent_id":"%s","name":"subfolder","created_timestamp":"2025-02-21T19:52:50Z","modified_timestamp":"2025-02-21T19:52:50Z"}]' ;;
  'list folders --filter Name == "nowhere" --json') echo '[]' ;;
  'list resources --filter (Name == "SECRET1" && FolderParentID == "%s") || (Name == "FSECRET1" && FolderParentID == "%s") --folder %s --column name --column password --json') resources %s ;;
  'list resources --filter (Name == "SECRET1" && FolderParentID == "%s") || (Name == "FSECRET1" && FolderParentID == "%s") --folder %s --folder %s --column name --column password --json') resources %s ;;
  'list resources --filter Name == "NOPE" --column name --column password --json') echo '[]' ;;
  *) exit 9 ;;
esac
""".formatted(verify, PROJECT, PROJECT, SUB, PROJECT, PROJECT, PROJECT, PROJECT, PROJECT, SUB, SUB, PROJECT, SUB, SUB));
    }

    @Test
    void rootLevelSecretsAreFoundByNameInOneCall() {
        FakeCli cli = passbolt("true");

        var result = cli.adapter("passbolt").fetch(List.of("SECRET1", "FSECRET1"), null, null);

        assertEquals("{\"FSECRET1\":\"fsecret1\",\"SECRET1\":\"secret1\"}", KamalJson.dump(result));
        assertEquals(List.of("passbolt --version", "passbolt verify",
                "passbolt list resources --filter 'Name == \"SECRET1\" || Name == \"FSECRET1\"' --column name --column password --json"),
                cli.calls());
    }

    @Test
    void fromNamesTheFolderWhoseIdFiltersTheResources() {
        FakeCli cli = passbolt("true");

        cli.adapter("passbolt").fetch(List.of("SECRET1", "FSECRET1"), null, "my-project");

        assertEquals(List.of("passbolt --version", "passbolt verify",
                "passbolt list folders --filter 'Name == \"my-project\"' --json",
                "passbolt list resources --filter '(Name == \"SECRET1\" && FolderParentID == \"" + PROJECT + "\") || "
                        + "(Name == \"FSECRET1\" && FolderParentID == \"" + PROJECT + "\")' --folder " + PROJECT
                        + " --column name --column password --json"), cli.calls());
    }

    @Test
    void nestedFoldersAreResolvedLevelByLevel() {
        FakeCli cli = passbolt("true");

        var result = cli.adapter("passbolt").fetch(List.of("my-project/subfolder/SECRET1", "my-project/subfolder/FSECRET1"), null, null);

        assertEquals("{\"FSECRET1\":\"fsecret1\",\"SECRET1\":\"secret1\"}", KamalJson.dump(result));
        assertEquals(List.of("passbolt --version", "passbolt verify",
                "passbolt list folders --filter 'Name == \"my-project\"' --json",
                "passbolt list folders --filter 'Name == \"subfolder\" && FolderParentID == \"" + PROJECT + "\"' --json",
                "passbolt list resources --filter '(Name == \"SECRET1\" && FolderParentID == \"" + SUB + "\") || "
                        + "(Name == \"FSECRET1\" && FolderParentID == \"" + SUB + "\")' --folder " + PROJECT + " --folder " + SUB
                        + " --column name --column password --json"), cli.calls());
    }

    @Test
    void filterValuesAreQuotedExactlyAsKamalQuotesThem() {
        assertEquals("\"abc\\\\ def-123\"", PassboltAdapter.quote("abc def-123"));
        assertEquals("\"SECRET1\"", PassboltAdapter.quote("SECRET1"));
    }

    @Test
    void anUnknownFolderIsOneMessageNamingIt() {
        var e = assertThrows(DhowException.class, () -> passbolt("true").adapter("passbolt").fetch(List.of("SECRET1"), null, "nowhere"));

        assertEquals("passbolt: could not find the folders nowhere", e.getMessage());
    }

    @Test
    void anUnknownSecretIsOneMessageNamingIt() {
        var e = assertThrows(DhowException.class, () -> passbolt("true").adapter("passbolt").fetch(List.of("NOPE"), null, null));

        assertEquals("passbolt: could not find NOPE", e.getMessage());
    }

    @Test
    void aFailedVerifyIsALoginFailure() {
        FakeCli cli = passbolt("echo 'Error: Verifying: Checking Login: Unable to Login: Login Failed: Auth failed' >&2; exit 1");

        var e = assertThrows(DhowException.class, () -> cli.adapter("passbolt").fetch(List.of("SECRET1"), null, null));

        assertEquals("passbolt: login failed ('passbolt verify') (passbolt: Error: Verifying: Checking Login: Unable to Login: "
                + "Login Failed: Auth failed)", e.getMessage());
    }
}
