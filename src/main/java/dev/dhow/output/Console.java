package dev.dhow.output;

import java.io.PrintWriter;

/**
 * User-facing output: results on stdout, narration on stderr, lines prefixed by host,
 * colour only when asked for (a TTY), and nothing but errors in quiet mode.
 * Thread-safe: lines from parallel hosts never interleave mid-line.
 */
public final class Console {
    private static final String RED = "\u001B[31m", YELLOW = "\u001B[33m", GREY = "\u001B[90m", BLUE = "\u001B[34m", RESET = "\u001B[0m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Verbosity verbosity;
    private final boolean colour;

    public Console(PrintWriter out, PrintWriter err, Verbosity verbosity, boolean colour) {
        this.out = out;
        this.err = err;
        this.verbosity = verbosity;
        this.colour = colour;
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public boolean verbose() {
        return verbosity == Verbosity.VERBOSE;
    }

    public boolean quiet() {
        return verbosity == Verbosity.QUIET;
    }

    /** A result line for stdout (printed even in quiet mode: it is what the user asked for). */
    public synchronized void result(String line) {
        out.println(line);
        out.flush();
    }

    /** A narration line, e.g. {@code INFO [web@1.2.3.4] Pulling image}. */
    public synchronized void info(String line) {
        if (quiet()) return;
        err.println(line);
        err.flush();
    }

    public void info(String host, String line) {
        info(prefix(host) + line);
    }

    /** A command about to run on a host; shown with --verbose only, always redacted by the caller. */
    public synchronized void command(String host, String redactedCommand) {
        if (!verbose()) return;
        err.println(paint(GREY, "  $ ") + prefix(host) + redactedCommand);
        err.flush();
    }

    /** Debug detail: --verbose only. */
    public synchronized void debug(String line) {
        if (!verbose()) return;
        err.println(paint(GREY, line));
        err.flush();
    }

    public synchronized void warn(String line) {
        if (quiet()) return;
        err.println(paint(YELLOW, "WARN " + line));
        err.flush();
    }

    public synchronized void error(String line) {
        err.println(paint(RED, "ERROR " + line));
        err.flush();
    }

    /** Raw text to stdout without a newline (streamed output). */
    public synchronized void rawOut(String text) {
        out.print(text);
        out.flush();
    }

    public String prefix(String host) {
        return host == null ? "" : paint(BLUE, "[" + host + "] ");
    }

    private String paint(String colourCode, String text) {
        return colour ? colourCode + text + RESET : text;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
