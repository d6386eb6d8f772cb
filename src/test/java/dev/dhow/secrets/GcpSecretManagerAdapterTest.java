package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpSecretManagerAdapterTest {
    @TempDir Path tmp;

    private static final String ACCESS = """
  "secrets versions access latest --secret=mypassword --format=json"|\\
  "secrets versions access latest --secret=mypassword --account=user@example.com --impersonate-service-account=sa@example.com,sa2@example.com --format=json") payload c2VjcmV0MTIz ;;
  "secrets versions access latest --secret=item1 --project=other-project --account=user@example.com --impersonate-service-account=sa@example.com,sa2@example.com --format=json") payload c2VjcmV0MQ== ;;
  "secrets versions access latest --secret=item1 --project=other-project --format=json") payload c2VjcmV0MQ== ;;
  "secrets versions access 123 --secret=item2 --project=some-project --account=user@example.com --impersonate-service-account=sa@example.com,sa2@example.com --format=json") payload c2VjcmV0Mg== ;;
  "secrets versions access latest --secret=missing --format=json")
    echo 'ERROR: (gcloud.secrets.versions.access) NOT_FOUND: Secret [projects/000000000/secrets/missing] not found or has no versions.' >&2; exit 1 ;;
  *) exit 9 ;;
esac
""";

    private FakeCli gcloud(String authList) {
        return new FakeCli(tmp).install("gcloud", """
payload() { printf '{\\n  "name": "projects/000000000/secrets/x/versions/1",\\n  "payload": {\\n    "data": "%%s",\\n    "dataCrc32c": "2522602764"\\n  }\\n}\\n' "$1"; }
case "$*" in
  "--version") echo 'Google Cloud SDK 490.0.0' ;;
  "auth list --format=json") %s ;;
  "auth login") echo 'You are now logged in as [user@example.com].' >&2 ;;
""".formatted(authList) + ACCESS);
    }

    private static final String AUTHENTICATED = "echo '[{\"account\": \"user@example.com\", \"status\": \"ACTIVE\"}]'";

    @Test
    void readsEachSecretWithItsProjectVersionAccountAndImpersonationChain() {
        FakeCli cli = gcloud(AUTHENTICATED);

        var result = cli.adapter("gcp").fetch(List.of("mypassword", "other-project/item1", "some-project/item2/123"),
                "user@example.com|sa@example.com,sa2@example.com", null);

        assertEquals(List.of(
                "gcloud --version",
                "gcloud auth list --format=json",
                "gcloud secrets versions access latest --secret=mypassword --account=user@example.com --impersonate-service-account=sa@example.com,sa2@example.com --format=json",
                "gcloud secrets versions access latest --secret=item1 --project=other-project --account=user@example.com --impersonate-service-account=sa@example.com,sa2@example.com --format=json",
                "gcloud secrets versions access 123 --secret=item2 --project=some-project --account=user@example.com --impersonate-service-account=sa@example.com,sa2@example.com --format=json"),
                cli.calls());
        assertEquals("{\"default/mypassword\":\"secret123\",\"other-project/item1\":\"secret1\",\"some-project/item2\":\"secret2\"}",
                KamalJson.dump(result));
    }

    @Test
    void theDefaultAccountAddsNoFlagsAndKeysNameTheProject() {
        FakeCli cli = gcloud(AUTHENTICATED);

        var result = cli.adapter("gcp_secret_manager").fetch(List.of("mypassword"), "default", null);
        var fromProject = cli.adapter("gcp").fetch(List.of("item1"), "default", "other-project");

        assertEquals("{\"default/mypassword\":\"secret123\"}", KamalJson.dump(result));
        assertEquals("{\"other-project/item1\":\"secret1\"}", KamalJson.dump(fromProject));
    }

    @Test
    void logsInWhenNoAccountIsAuthenticated() {
        FakeCli cli = gcloud("if [ -f \"$FAKE_LOG.in\" ]; then echo '[{\"account\": \"user@example.com\"}]'; else echo '[]'; touch \"$FAKE_LOG.in\"; fi");

        cli.adapter("gcp").fetch(List.of("mypassword"), "default", null);

        assertEquals(List.of("gcloud --version", "gcloud auth list --format=json", "gcloud auth login", "gcloud auth list --format=json",
                "gcloud secrets versions access latest --secret=mypassword --format=json"), cli.calls());
    }

    @Test
    void aLoginThatAddsNoAccountIsOneMessage() {
        var e = assertThrows(DhowException.class, () -> gcloud("echo '[]'").adapter("gcp").fetch(List.of("mypassword"), "default", null));

        assertEquals("gcp: could not log in to gcloud ('gcloud auth login' did not add an account)", e.getMessage());
    }

    @Test
    void anUnknownSecretIsOneMessageNamingIt() {
        var e = assertThrows(DhowException.class, () -> gcloud(AUTHENTICATED).adapter("gcp").fetch(List.of("missing"), "default", null));

        assertEquals("gcp: could not read default/missing (version latest) from Google Secret Manager (gcloud: ERROR: "
                + "(gcloud.secrets.versions.access) NOT_FOUND: Secret [projects/000000000/secrets/missing] not found or has no versions.)",
                e.getMessage());
    }

    @Test
    void anAccountIsRequired() {
        var e = assertThrows(DhowException.class, () -> gcloud(AUTHENTICATED).adapter("gcp").fetch(List.of("x"), null, null));

        assertEquals("gcp: --account is required", e.getMessage());
    }

    @Test
    void anEmptyImpersonationChainAddsNoFlag() {
        FakeCli cli = gcloud(AUTHENTICATED);

        cli.adapter("gcp").fetch(List.of("mypassword"), "default|", null);

        assertEquals("gcloud secrets versions access latest --secret=mypassword --format=json", cli.calls().get(2));
    }
}
