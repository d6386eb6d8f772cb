package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.dhow.config.SecretsFiles;
import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.config.dotenv.InProcessCommands;
import dev.dhow.config.dotenv.Shellwords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InProcessSecretsCommandsTest {
    private static final Path KAMAL_GUIDE = Path.of("src/test/resources/secrets/kamal_guide");
    // What a vault would answer; the values carry the characters most likely to break quoting.
    private static final String VAULT_JSON =
            "{\"V/I/KEY1\":\"p@ss w0rd$1 (x)\",\"V/I/KEY2\":\"中文 'single' \\\"double\\\" \\\\ `tick` #hash\"}";

    private final StringWriter err = new StringWriter();
    private final List<List<String>> fetches = new ArrayList<>();

    /** Answers `secrets fetch` like Kamal's `fetch --inline` (shell-escaped JSON); everything else runs for real. */
    private final InProcessCommands commands = new InProcessCommands() {
        private final InProcessSecretsCommands real = new InProcessSecretsCommands(new PrintWriter(err, true), System.getenv(), Path.of("."));

        @Override
        public Optional<String> run(List<String> argv) {
            if (argv.size() > 1 && argv.get(1).equals("fetch")) {
                fetches.add(argv);
                return Optional.of(Shellwords.escape(VAULT_JSON));
            }
            return real.run(argv);
        }
    };

    @Test
    void aKamalGuideSecretsFileFetchesOnceAndExtractsEachSecret() {
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "DB_PASSWORD", "from-env");
        SecretsFiles files = new SecretsFiles(SecretsFiles.DEFAULT_PATH, null, KAMAL_GUIDE, new DotenvParser(env, commands, KAMAL_GUIDE));

        assertEquals("p@ss w0rd$1 (x)", files.require("KEY1"));
        assertEquals("中文 'single' \"double\" \\ `tick` #hash", files.require("KEY2"));
        assertEquals("m4st3r", files.require("RAILS_MASTER_KEY"));
        assertEquals("from-env", files.require("DB_PASSWORD"));
        assertEquals(List.of(List.of("secrets", "fetch", "--adapter", "1password", "--account", "A", "--from", "V/I", "KEY1", "KEY2")), fetches);
        assertEquals("", err.toString());
    }

    @Test
    void aSecretsCommandRunsWithInlineAndReturnsWhatItPrinted() {
        InProcessSecretsCommands real = new InProcessSecretsCommands(new PrintWriter(err, true), System.getenv(), Path.of("."));
        assertEquals(Optional.of("v a l"), real.run(List.of("secrets", "extract", "K", "{\"x/K\":\"v a l\"}")));
    }

    @Test
    void aFailingSecretsCommandReturnsNothingAndReportsOnStderr() {
        InProcessSecretsCommands real = new InProcessSecretsCommands(new PrintWriter(err, true), System.getenv(), Path.of("."));
        assertEquals(Optional.empty(), real.run(List.of("secrets", "extract", "K", "{}")));
        assertEquals("ERROR Could not find secret K\n", err.toString());
    }

    @Test
    void anInlineFlagAlreadyGivenIsNotRepeated() {
        InProcessSecretsCommands real = new InProcessSecretsCommands(new PrintWriter(err, true), System.getenv(), Path.of("."));
        assertEquals(Optional.of("v"), real.run(List.of("secrets", "extract", "--inline", "K", "{\"K\":\"v\"}")));
    }

    @Test
    void runningInlineLeavesTheOuterLogLevelAlone() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            root.setLevel(Level.DEBUG);
            new InProcessSecretsCommands(new PrintWriter(err, true), System.getenv(), Path.of(".")).run(List.of("secrets", "extract", "K", "{\"K\":\"v\"}"));
            assertEquals(Level.DEBUG, root.getLevel());
        } finally {
            root.setLevel(before);
        }
    }
}
