package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BitwardenSecretsManagerAdapterTest {
    @TempDir Path tmp;

    private static final String LIST = """
            [
              {"object": "secret", "id": "82aeb5bd-6958-4a89-8197-eacab758acce", "key": "KAMAL_REGISTRY_PASSWORD", "value": "some_password"},
              {"object": "secret", "id": "6f8cdf27-de2b-4c77-a35d-07df8050e332", "key": "MY_OTHER_SECRET", "value": "my=wierd\\"secret"}
            ]""";

    private FakeCli bws(boolean tokenValid) {
        return new FakeCli(tmp).install("bws", """
                case "$*" in
                  "--version") echo 'bws 1.0.0' ;;
                  "project list") %s ;;
                  "secret list"|"secret list 82aeb5bd-project") cat <<'JSON'
                %s
                JSON
                    ;;
                  "secret get 82aeb5bd-6958-4a89-8197-eacab758acce")
                    printf '%%s\\n' '{"object":"secret","key":"SSH_PRIVATE_KEY","value":"some_key\\nwith_linebreak"}' ;;
                  "secret get 00000000-0000-0000-0000-000000000000")
                    printf 'Error: \\n   0: Received error message from server: [404 Not Found] {"message":"Resource not found."}\\n' >&2; exit 1 ;;
                  *) exit 9 ;;
                esac
                """.formatted(tokenValid ? "echo '[]'" : "printf 'Error: \\n   0: Missing access token\\n' >&2; exit 1", LIST));
    }

    @Test
    void allListsEverySecretKeyedByItsKey() {
        FakeCli cli = bws(true);

        var result = cli.adapter("bitwarden-sm").fetch(List.of("all"), null, null);

        assertEquals("{\"KAMAL_REGISTRY_PASSWORD\":\"some_password\",\"MY_OTHER_SECRET\":\"my=wierd\\\"secret\"}", KamalJson.dump(result));
        assertEquals(List.of("bws --version", "bws project list", "bws secret list"), cli.calls());
    }

    @Test
    void allWithFromListsTheSecretsOfThatProject() {
        FakeCli cli = bws(true);

        cli.adapter("bitwarden_secrets_manager").fetch(List.of("all"), null, "82aeb5bd-project");

        assertEquals("bws secret list 82aeb5bd-project", cli.calls().get(2));
    }

    @Test
    void secretsAreReadOneByOneByUuid() {
        FakeCli cli = bws(true);

        var result = cli.adapter("bitwarden-sm").fetch(List.of("82aeb5bd-6958-4a89-8197-eacab758acce"), null, null);

        assertEquals("{\"SSH_PRIVATE_KEY\":\"some_key\\nwith_linebreak\"}", KamalJson.dump(result));
        assertEquals("bws secret get 82aeb5bd-6958-4a89-8197-eacab758acce", cli.calls().get(2));
    }

    @Test
    void anUnknownSecretIsOneMessageNamingIt() {
        var e = assertThrows(DhowException.class,
                () -> bws(true).adapter("bitwarden-sm").fetch(List.of("00000000-0000-0000-0000-000000000000"), null, null));

        assertEquals("bitwarden-sm: could not read secret 00000000-0000-0000-0000-000000000000 (bws: 0: Received error message from server: "
                + "[404 Not Found] {\"message\":\"Resource not found.\"})", e.getMessage());
    }

    @Test
    void aMissingAccessTokenIsReportedBeforeFetching() {
        FakeCli cli = bws(false);

        var e = assertThrows(DhowException.class, () -> cli.adapter("bitwarden-sm").fetch(List.of("all"), null, null));

        assertEquals("bitwarden-sm: could not authenticate to Bitwarden Secrets Manager; is BWS_ACCESS_TOKEN set to a valid access token?",
                e.getMessage());
        assertEquals(List.of("bws --version", "bws project list"), cli.calls());
    }

    @Test
    void nothingToFetchIsAnError() {
        var e = assertThrows(DhowException.class, () -> bws(true).adapter("bitwarden-sm").fetch(List.of(), null, null));

        assertEquals("bitwarden-sm: give secret UUIDs, 'all', or '<project>/all' to fetch", e.getMessage());
    }
}
