package dev.dhow.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renders events for people: narration on stderr with {@code [host]} prefixes, results on stdout, {@code WARN} and
 * {@code ERROR} markers, commands with {@code --verbose}, errors only with {@code --quiet}, and a closing summary.
 * On a terminal it adds colour and one live status line (the step in progress, and each host's long wait with its
 * time limit), erased before any other line so the scrollback stays clean.
 */
public final class TerminalRenderer implements EventSink {
    private static final String RED = "\u001B[31m", YELLOW = "\u001B[33m", GREY = "\u001B[90m", BLUE = "\u001B[34m",
            GREEN = "\u001B[32m", BOLD = "\u001B[1m", RESET = "\u001B[0m", CLEAR_LINE = "\r\u001B[2K";

    /**
     * How the terminal looks.
     *
     * @param colour ANSI colours (only on a terminal, never with {@code NO_COLOR}, {@code TERM=dumb} or {@code --no-color})
     * @param live   a live status line (only on a terminal)
     */
    public record Style(boolean colour, boolean live) {
        public static final Style PLAIN = new Style(false, false);
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Verbosity verbosity;
    private final Style style;
    private final Map<String, Waiting> waiting = new TreeMap<>();
    private final ScheduledExecutorService ticker;
    private String step;
    private Instant stepStarted;
    private boolean statusShown;

    private record Waiting(String what, Instant since, long limitSeconds) {}

    public TerminalRenderer(PrintWriter out, PrintWriter err, Verbosity verbosity, Style style) {
        this.out = out;
        this.err = err;
        this.verbosity = verbosity;
        this.style = style;
        this.ticker = style.live() && verbosity != Verbosity.QUIET ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dhow-status");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void emit(Event event) {
        boolean quiet = verbosity == Verbosity.QUIET;
        boolean verbose = verbosity == Verbosity.VERBOSE;
        if (event instanceof Event.Result r) {
            clearStatus();
            if (r.raw()) out.print(r.text());
            else out.println(r.text());
            out.flush();
        } else if (event instanceof Event.Info i) {
            if (!quiet) line(prefix(i.host().orElse(null)) + i.message());
            i.host().ifPresent(waiting::remove);
        } else if (event instanceof Event.Warning w) {
            if (!quiet) line(paint(YELLOW, "WARN " + prefix(w.host().orElse(null)) + w.message()));
        } else if (event instanceof Event.Error e) {
            line(paint(RED, "ERROR " + prefix(e.host().orElse(null)) + e.message()));
        } else if (event instanceof Event.HostFailed f) {
            waiting.remove(f.host());
            line(paint(RED, "ERROR " + prefix(f.host()) + f.reason()));
        } else if (event instanceof Event.CommandRun c) {
            if (verbose) line(paint(GREY, "  $ ") + prefix(c.host()) + c.command());
        } else if (event instanceof Event.Output o) {
            if (verbose) line(paint(GREY, prefix(o.host()) + "  " + o.text()));
        } else if (event instanceof Event.Debug d) {
            if (verbose) line(paint(GREY, d.message()));
        } else if (event instanceof Event.StepStarted s) {
            step = s.title();
            stepStarted = s.at();
            waiting.clear();
            if (!quiet) line(paint(BOLD, s.title()));
        } else if (event instanceof Event.StepFinished) {
            step = null;
            waiting.clear();
            clearStatus();
        } else if (event instanceof Event.Progress p) {
            waiting.put(p.host(), new Waiting(p.what(), p.at(), p.limitSeconds()));
        } else if (event instanceof Event.Summary s) {
            if (!quiet) summary(s);
        }
        // run_started, run_finished, host_state and hook are for machines; people see their lines above.
    }

    private void summary(Event.Summary s) {
        line(paint(GREEN, String.format(Locale.ROOT, "%s %s in %.1f seconds", past(s.command()), s.version(), s.millis() / 1000.0)));
        s.hostsByRole().forEach((role, hosts) -> line("  " + role + ": " + String.join(", ", hosts)));
        for (String url : s.urls()) line("  " + url);
        for (String note : s.notes()) line("  " + note);
    }

    private static String past(String command) {
        return switch (command) {
            case "setup" -> "Set up and deployed";
            case "rollback" -> "Rolled back to";
            case "redeploy" -> "Redeployed";
            default -> "Deployed";
        };
    }

    /** Prints a narration line to stderr, keeping the status line below it. */
    private void line(String text) {
        clearStatus();
        err.println(text);
        err.flush();
        drawStatus();
    }

    private String prefix(String host) {
        return host == null ? "" : paint(BLUE, "[" + host + "] ");
    }

    private String paint(String code, String text) {
        return style.colour() ? code + text + RESET : text;
    }

    private synchronized void redraw() {
        clearStatus();
        drawStatus();
    }

    private void clearStatus() {
        if (!statusShown) return;
        err.print(CLEAR_LINE);
        err.flush();
        statusShown = false;
    }

    private void drawStatus() {
        if (ticker == null || step == null) return;
        Instant now = Instant.now();
        StringBuilder sb = new StringBuilder(paint(GREY, "… " + step + " " + seconds(stepStarted, now)));
        for (Map.Entry<String, Waiting> w : waiting.entrySet()) {
            Waiting v = w.getValue();
            sb.append("  ").append(paint(BLUE, "[" + w.getKey() + "]")).append(' ').append(v.what()).append(' ')
                    .append(seconds(v.since(), now)).append('/').append(v.limitSeconds()).append('s');
        }
        err.print(sb);
        err.flush();
        statusShown = true;
    }

    private static String seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() + "s";
    }

    @Override
    public synchronized void close() {
        if (ticker != null) ticker.shutdownNow();
        step = null;
        clearStatus();
        out.flush();
        err.flush();
    }

    /** Whether to colour a terminal: not with {@code NO_COLOR} set, not for {@code TERM=dumb}. */
    public static boolean colourAllowed(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
