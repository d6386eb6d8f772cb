package dev.dhow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/** The y/N questions destructive commands ask (Kamal's wording); anything but {@code y} is no. */
final class Confirm {
    private Confirm() {}

    /** Asks on stderr and reads the answer from standard input (so {@code echo y | dhow remove} works). */
    static boolean ask(CommandSpec spec, String question) {
        return ask(spec, question, new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    /**
     * Asks only where a person can answer: without a terminal it says how to skip the question and answers no.
     * Either way a "no" has been explained (with "Aborted") when this returns false.
     */
    static boolean askOnTerminal(CommandSpec spec, String question) {
        java.io.Console terminal = System.console();
        if (terminal == null) {
            spec.commandLine().getErr().println(question + " [y, N] (N)");
            spec.commandLine().getErr().println("Aborted: no terminal to answer on. Pass -y to proceed without the question.");
            spec.commandLine().getErr().flush();
            return false;
        }
        return ask(spec, question, terminal.reader());
    }

    private static boolean ask(CommandSpec spec, String question, Reader answers) {
        spec.commandLine().getErr().print(question + " [y, N] (N) ");
        spec.commandLine().getErr().flush();
        String answer;
        try {
            answer = new BufferedReader(answers).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            // Nobody answered: a CI job or a script with nothing on stdin. Say how to go on, not just "Aborted".
            spec.commandLine().getErr().println();
            spec.commandLine().getErr().println("Aborted: nothing answered the question (standard input gave no answer)."
                    + " Pass -y to proceed without it, or answer y on standard input.");
            spec.commandLine().getErr().flush();
            return false;
        }
        if (!answer.strip().equals("y")) {
            spec.commandLine().getErr().println("Aborted");
            spec.commandLine().getErr().flush();
        }
        return answer.strip().equals("y");
    }
}
