package dev.dhow.ssh;

import dev.dhow.output.Console;
import java.util.function.Consumer;

/** One line of a running command's output, without its line break. */
public record OutputLine(String host, boolean stderr, String text) {

    /**
     * Live output for many hosts at once: each line whole and prefixed with {@code [host]}; the command's stdout
     * goes to the console's results (stdout), its stderr to the narration (stderr).
     */
    public static Consumer<OutputLine> printer(Console console) {
        return line -> {
            if (line.stderr()) console.info(line.host(), line.text());
            else console.result(console.prefix(line.host()) + line.text());
        };
    }
}
