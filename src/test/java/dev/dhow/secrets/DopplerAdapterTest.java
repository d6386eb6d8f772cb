package dev.dhow.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DopplerAdapterTest {
    @TempDir Path tmp;

    private static final String SECRETS = """
  "secrets get SECRET1 FSECRET1 --json -p my-project -c prd"|"secrets get SECRET1 FSECRET1 --json") cat <<'JSON'
{
  "SECRET1": {"computed": "secret1", "computedVisibility": "unmasked", "note": ""},
  "FSECRET1": {"computed": "fsecret1", "computedVisibility": "unmasked", "note": ""}
}
JSON
    ;;
  "secrets get NOPE --json -p my-project -c prd") echo 'Doppler Error: Could not find requested secret: NOPE' >&2; exit 1 ;;
  *) exit 9 ;;
esac
""";

    private FakeCli doppler(String me) {
        return new FakeCli(tmp).install("doppler", """
case "$*" in
  "--version") echo v3.69.0 ;;
  "me --json") %s ;;
  "login -y") printf 'Your auth code is: bright_sky_42\\nWaiting...\\n' >&2; echo 'Welcome, Jane' ;;
""".formatted(me) + SECRETS);
    }

    private static final String LOGGED_IN = "echo '{\"name\": \"jane\", \"type\": \"CLI\"}'";

    @Test
    void fromGivesTheProjectAndConfigAndValuesAreTheComputedOnes() {
        FakeCli cli = doppler(LOGGED_IN);

        var result = cli.adapter("doppler").fetch(List.of("SECRET1", "FSECRET1"), null, "my-project/prd");

        assertEquals("{\"SECRET1\":\"secret1\",\"FSECRET1\":\"fsecret1\"}", KamalJson.dump(result));
        assertEquals(List.of("doppler --version", "doppler me --json", "doppler secrets get SECRET1 FSECRET1 --json -p my-project -c prd"), cli.calls());
    }

    @Test
    void projectAndConfigMayBeWrittenInTheSecretNames() {
        FakeCli cli = doppler(LOGGED_IN);

        cli.adapter("doppler").fetch(List.of("my-project/prd/SECRET1", "my-project/prd/FSECRET1"), null, null);

        assertEquals("doppler secrets get SECRET1 FSECRET1 --json -p my-project -c prd", cli.calls().get(2));
    }

    @Test
    void aServiceTokenNeedsNoProjectOrConfig() {
        FakeCli cli = doppler(LOGGED_IN).env("DOPPLER_TOKEN", "dp.st.prd.xxxxxxxxxxxx");

        cli.adapter("doppler").fetch(List.of("SECRET1", "FSECRET1"), null, null);

        assertEquals("doppler secrets get SECRET1 FSECRET1 --json", cli.calls().get(2));
    }

    @Test
    void withoutProjectAndConfigTheMessageSaysHowToGiveThem() {
        var e = assertThrows(DhowException.class, () -> doppler(LOGGED_IN).adapter("doppler").fetch(List.of("SECRET1"), null, null));

        assertEquals("doppler: missing project or config from '--from=project/config' option", e.getMessage());
    }

    @Test
    void logsInWhenMeFails() {
        FakeCli cli = doppler("echo 'Doppler Error: you must provide a token' >&2; exit 1");

        cli.adapter("doppler").fetch(List.of("SECRET1", "FSECRET1"), null, "my-project/prd");

        assertEquals(List.of("doppler --version", "doppler me --json", "doppler login -y",
                "doppler secrets get SECRET1 FSECRET1 --json -p my-project -c prd"), cli.calls());
    }

    @Test
    void anUnknownSecretIsOneMessageNamingIt() {
        var e = assertThrows(DhowException.class, () -> doppler(LOGGED_IN).adapter("doppler").fetch(List.of("NOPE"), null, "my-project/prd"));

        assertEquals("doppler: could not read my-project/prd/NOPE (doppler: Doppler Error: Could not find requested secret: NOPE)", e.getMessage());
    }

    @Test
    void aCliWhoseVersionProbeFailsIsReportedAsBroken() {
        FakeCli cli = new FakeCli(tmp).install("doppler", "echo 'doppler: error while loading shared libraries' >&2; exit 127");

        var e = assertThrows(DhowException.class, () -> cli.adapter("doppler").fetch(List.of("A"), null, "p/c"));

        assertEquals("doppler: 'doppler --version' failed with exit code 127; is the CLI installed correctly? "
                + "(install the Doppler CLI: https://docs.doppler.com/docs/install-cli)", e.getMessage());
        assertEquals(List.of("doppler --version"), cli.calls());
    }
}
