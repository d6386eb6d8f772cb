package dev.dhow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the files a release ships beside the jar, from the command tree the CLI itself parses with: the man page
 * ({@code share/man/man1/dhow.1}) and the completion scripts for bash ({@code share/bash-completion/completions/dhow})
 * and zsh ({@code share/zsh/site-functions/_dhow}). Run by scripts/dist: {@code java -cp dhow.jar
 * dev.dhow.cli.ReleaseFiles DIR}.
 */
public final class ReleaseFiles {
    private ReleaseFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReleaseFiles DIR");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    static void write(Path dir) throws IOException {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        CommandLine root = Dhow.newCommandLine(nowhere, nowhere);
        String bash = bashCompletion(root);
        put(dir.resolve("share/man/man1/dhow.1"), ManPage.render(root, DhowVersion.get()));
        put(dir.resolve("share/bash-completion/completions/dhow"), bash);
        put(dir.resolve("share/zsh/site-functions/_dhow"), zshCompletion(bash));
    }

    /** What {@code dhow completion} prints. */
    static String bashCompletion(CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root);
    }

    /**
     * The bash script as a zsh completion function file: zsh runs the file on the first Tab after {@code dhow}; the
     * script then registers itself through bashcompinit, and the last line answers that first Tab too. zsh reads the
     * whole file before running it, so the script's {@code alias compopt=complete} would come too late for the
     * functions it defines: a function stands in for it.
     */
    static String zshCompletion(String bash) {
        return "#compdef dhow\ncompopt() { complete \"$@\"; }\n" + bash.replaceFirst("^#!/usr/bin/env bash\n", "")
                + "\n_bash_complete -F _complete_dhow -o default\n";
    }

    private static void put(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
