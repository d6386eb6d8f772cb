package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lazily built command tree: a run builds only the command it invokes, and looks the same as the whole tree. */
class CommandTreeTest {
    private static final Path PROJECT = Path.of("src/test/resources/cli/command_tree");

    @Test
    void everyRegisteredNameIsTheNameItsClassDeclares() {
        CommandLine whole = Dhow.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

        assertEquals(CommandTree.NAMES, List.copyOf(whole.getSubcommands().keySet()));
    }

    @Test
    void aRunBuildsOnlyTheCommandItsFirstWordNames() {
        assertEquals(List.of("version"), built("version"));
        assertEquals(List.of("app"), built("app", "exec", "-i", "bin/rails console"));
        assertEquals(List.of("deploy"), built("-c", "config/x.yml", "--hosts=a,b", "-d", "staging", "deploy", "-P"));
    }

    @Test
    void optionValuesBeforeTheCommandAreNotTakenForIt() {
        assertEquals(List.of("config"), built("--config-file", "deploy", "config"));
        assertEquals(List.of("config"), built("-c", "deploy", "config"));
        assertEquals(List.of("config"), built("-vpc", "deploy", "config"));
        assertEquals(List.of("config"), built("-vcdeploy", "config"));
        assertEquals(List.of("config"), built("--version", "deploy", "-q", "config"));
    }

    @Test
    void helpCompletionTheRootsUsageAndUnknownCommandsSeeTheWholeTree() {
        assertEquals(CommandTree.NAMES, built("help"));
        assertEquals(CommandTree.NAMES, built("completion"));
        assertEquals(CommandTree.NAMES, built());
        assertEquals(CommandTree.NAMES, built("--help"));
        assertEquals(CommandTree.NAMES, built("-c", "config/x.yml", "console"));
        assertEquals(CommandTree.NAMES, built("--", "deploy"));
    }

    @Test
    void aCommandsHelpIsTheSameFromTheLazyTreeAsFromTheWholeTree() {
        for (String[] args : List.of(new String[] {"app", "--help"}, new String[] {"deploy", "--help"},
                new String[] {"proxy", "boot_config", "--help"}, new String[] {"help", "accessory"})) {
            assertEquals(run(true, args), run(false, args), String.join(" ", args));
        }
    }

    @Test
    void aCommandRunsTheSameFromTheLazyTreeAsFromTheWholeTree() {
        String lazy = run(true, "config");

        assertTrue(lazy.startsWith("exit 0\n---\n:roles:"), lazy);
        assertEquals(run(false, "config"), lazy);
        assertEquals(run(false, "-d", "staging", "config"), run(true, "-d", "staging", "config"));
    }

    @Test
    void aMistypedCommandStillGetsSuggestions() {
        String lazy = run(true, "deplyo");

        assertEquals(run(false, "deplyo"), lazy);
        assertTrue(lazy.contains("Did you mean: dhow deploy or dhow redeploy"), lazy);
    }

    @Test
    void aBareVersionIsAnsweredBeforePicocliStartsAndSaysWhatTheVersionCommandSays() {
        assertEquals("exit 0\n" + Dhow.answerWithoutParsing(new String[] {"version"}).orElseThrow() + "\n\n--- stderr\n", run(true, "version"));
        assertTrue(Dhow.answerWithoutParsing(new String[] {"version", "--help"}).isEmpty(), "anything more goes through picocli");
        assertTrue(Dhow.answerWithoutParsing(new String[] {"-v", "version"}).isEmpty());
        assertTrue(Dhow.answerWithoutParsing(new String[] {}).isEmpty());
    }

    private static List<String> built(String... args) {
        CommandLine cl = Dhow.commandLineFor(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of(), PROJECT, Services.real());
        return List.copyOf(cl.getSubcommands().keySet());
    }

    /** Exit code, stdout and stderr of one run, from the lazy or the whole tree. */
    private static String run(boolean lazy, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        Map<String, String> env = Map.of("VERSION", "v1");
        CommandLine cl = lazy ? Dhow.commandLineFor(args, o, e, env, PROJECT, Services.real())
                : Dhow.newCommandLine(o, e, env, PROJECT, Services.real());
        int code = cl.execute(args);
        return "exit " + code + "\n" + out + "\n--- stderr\n" + err;
    }
}
