package dev.dhow.output;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Chooses, once per run, how events are shown: a terminal, {@code --json}, or the terminal with CI integration. */
public final class Renderers {
    private Renderers() {}

    /**
     * The renderer for a run.
     *
     * @param json     {@code --json}: NDJSON events on stdout; stderr keeps the human errors only
     * @param env      the environment, for {@code NO_COLOR}, {@code TERM}, {@code GITHUB_ACTIONS},
     *                 {@code GITHUB_STEP_SUMMARY} and {@code GITLAB_CI}
     * @param terminal whether stderr is a terminal (colour and a live status line only then)
     * @param noColor  {@code --no-color}
     */
    public static EventSink choose(PrintWriter out, PrintWriter err, Verbosity verbosity, boolean json, Map<String, String> env,
                                   boolean terminal, boolean noColor) {
        if (json) {
            return EventSink.all(java.util.List.of(new JsonRenderer(out),
                    new TerminalRenderer(new PrintWriter(Writer.nullWriter()), err, Verbosity.QUIET, TerminalRenderer.Style.PLAIN)));
        }
        boolean colour = terminal && !noColor && TerminalRenderer.colourAllowed(env);
        TerminalRenderer human = new TerminalRenderer(out, err, verbosity, new TerminalRenderer.Style(colour, terminal));
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            return new GitHubActions(human, out, Optional.ofNullable(env.get("GITHUB_STEP_SUMMARY")).filter(s -> !s.isBlank()).map(Path::of));
        }
        if ("true".equals(env.get("GITLAB_CI"))) return new GitLabCi(human, err);
        return human;
    }
}
