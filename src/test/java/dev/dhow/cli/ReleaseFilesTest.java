package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man page and completion scripts a release ships, rendered from the command tree. */
class ReleaseFilesTest {
    @TempDir Path dir;

    private static CommandLine tree() {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return Dhow.newCommandLine(nowhere, nowhere);
    }

    @Test
    void aCommandSectionHasItsSynopsisDescriptionOptionsAndParameters() {
        String page = ManPage.render(tree(), "1.2.3");

        assertTrue(page.startsWith(".TH DHOW 1 \"\" \"dhow 1.2.3\" \"User Commands\"\n.SH NAME\n"
                + "dhow \\- deploy Docker containers to Linux servers over SSH with zero downtime\n"), page);
        assertTrue(page.contains(".SS \"dhow version\"\nShow the dhow version.\n.SS \"dhow completion\"\n"), page);
        assertTrue(page.contains(".SS \"dhow lock acquire\"\nAcquire the deploy lock.\n.RS\n.TP\n"
                + "\\fB\\-m\\fR, \\fB\\-\\-message\\fR \\fI<message>\\fR\n"), page);
    }

    @Test
    void everyVisibleCommandHasASectionAndHiddenOnesHaveNone() {
        String page = ManPage.render(tree(), "1.2.3");
        List<String> missing = new ArrayList<>();
        walk(tree(), cl -> {
            String heading = ".SS \"" + ManPage.escape(cl.getCommandSpec().qualifiedName());
            if (!cl.getCommandSpec().usageMessage().hidden() && !page.contains(heading + "\"") && !page.contains(heading + " ")) {
                missing.add(cl.getCommandSpec().qualifiedName());
            }
        });

        assertEquals(List.of(), missing);
        assertFalse(page.contains("pull_image"), "accessory pull_image is hidden");
    }

    @Test
    void globalOptionsAreListedOnceNotUnderEachCommand() {
        String page = ManPage.render(tree(), "1.2.3");

        assertEquals(1, count(page, "\\fB\\-\\-dry\\-run\\fR"));
    }

    @Test
    void roffControlCharactersInTextAreEscaped() {
        assertEquals("\\&.kamal/secrets \\-y C:\\eX\n\\&'quoted'", ManPage.escape(".kamal/secrets -y C:\\X\n'quoted'"));
    }

    @Test
    void manRendersThePageWithoutWarnings() throws IOException, InterruptedException {
        ReleaseFiles.write(dir);
        Path page = dir.resolve("share/man/man1/dhow.1");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");

        Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()).redirectErrorStream(true).start();
        String warnings = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(groff.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", warnings);
        assertEquals(0, groff.exitValue());
    }

    @Test
    void theBashCompletionFileIsWhatDhowCompletionPrintsAndZshGetsTheSameScript() throws IOException {
        ReleaseFiles.write(dir);
        StringWriter out = new StringWriter();
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        assertEquals(0, Dhow.newCommandLine(new PrintWriter(out), nowhere).execute("completion"));

        String bash = Files.readString(dir.resolve("share/bash-completion/completions/dhow"));
        String zsh = Files.readString(dir.resolve("share/zsh/site-functions/_dhow"));
        assertEquals(out.toString(), bash);
        assertTrue(bash.contains("complete -F _complete_dhow -o default dhow"), bash);
        assertEquals("#compdef dhow\ncompopt() { complete \"$@\"; }\n" + bash.substring(bash.indexOf('\n') + 1) + "\n_bash_complete -F _complete_dhow -o default\n", zsh);
    }

    private static void walk(CommandLine cl, java.util.function.Consumer<CommandLine> visit) {
        for (var entry : cl.getSubcommands().entrySet()) {
            if (!entry.getKey().equals(entry.getValue().getCommandName())) continue;
            visit.accept(entry.getValue());
            walk(entry.getValue(), visit);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
