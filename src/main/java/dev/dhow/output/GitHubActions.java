package dev.dhow.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitHub Actions (when {@code GITHUB_ACTIONS=true}): each step of the run is a collapsible {@code ::group::} in the
 * job log, each failed host an {@code ::error title=…::} annotation on the run, and the outcome (version, hosts,
 * what happened to each host on a failure) a markdown section appended to {@code $GITHUB_STEP_SUMMARY}. Workflow
 * commands go to stdout, where the runner reads them; the narration itself is the plain terminal rendering.
 */
public final class GitHubActions implements EventSink {
    private final EventSink terminal;
    private final PrintWriter out;
    private final Optional<Path> stepSummary;
    private final List<String> hostLines = new ArrayList<>();
    private Event.RunStarted started;
    private Event.Summary summary;
    private boolean inGroup;

    public GitHubActions(EventSink terminal, PrintWriter out, Optional<Path> stepSummary) {
        this.terminal = terminal;
        this.out = out;
        this.stepSummary = stepSummary;
    }

    @Override
    public synchronized void emit(Event event) {
        if (event instanceof Event.StepStarted s) {
            endGroup();
            command("::group::" + escapeData(s.title()));
            inGroup = true;
        }
        terminal.emit(event);
        if (event instanceof Event.StepFinished) {
            endGroup();
        } else if (event instanceof Event.HostFailed f) {
            command("::error title=" + escapeProperty("dhow: " + f.host() + f.role().map(r -> " (" + r + ")").orElse("") + " failed")
                    + "::" + escapeData(f.reason()));
            hostLines.add("| " + f.host() + " | " + f.role().orElse("") + " | failed: " + cell(f.reason()) + " |");
        } else if (event instanceof Event.HostState s) {
            hostLines.add("| " + s.host() + " | " + s.role().orElse("") + " | " + cell(s.detail()) + " |");
        } else if (event instanceof Event.RunStarted r) {
            started = r;
        } else if (event instanceof Event.Summary s) {
            summary = s;
        } else if (event instanceof Event.RunFinished f) {
            endGroup();
            if (!f.status().equals("ok")) command("::error title=" + escapeProperty("dhow " + command() + " " + f.status())
                    + "::" + escapeData(f.message().orElse("exit " + f.exitCode()).lines().findFirst().orElse("")));
            writeStepSummary(f);
        }
    }

    private String command() {
        return started == null ? "" : started.command();
    }

    private void endGroup() {
        if (!inGroup) return;
        command("::endgroup::");
        inGroup = false;
    }

    private void command(String line) {
        out.println(line);
        out.flush();
    }

    private void writeStepSummary(Event.RunFinished f) {
        if (stepSummary.isEmpty()) return;
        StringBuilder md = new StringBuilder();
        String mark = f.status().equals("ok") ? "✅" : f.status().equals("interrupted") ? "⏹️" : "❌";
        md.append("### ").append(mark).append(" dhow ").append(command());
        if (started != null) started.version().ifPresent(v -> md.append(' ').append(v));
        md.append(": ").append(f.status()).append(String.format(Locale.ROOT, " in %.1f s (exit %d)%n%n", f.millis() / 1000.0, f.exitCode()));
        if (summary != null) {
            md.append("| role | hosts |\n|---|---|\n");
            summary.hostsByRole().forEach((role, hosts) -> md.append("| ").append(role).append(" | ").append(String.join(", ", hosts)).append(" |\n"));
            if (!summary.urls().isEmpty()) md.append('\n').append(String.join("  \n", summary.urls())).append('\n');
        }
        if (!hostLines.isEmpty()) {
            md.append("| host | role | outcome |\n|---|---|---|\n");
            hostLines.forEach(l -> md.append(l).append('\n'));
        }
        f.message().ifPresent(m -> md.append("\n```\n").append(m.strip()).append("\n```\n"));
        f.nextStep().ifPresent(n -> md.append('\n').append(n).append('\n'));
        try {
            Files.writeString(stepSummary.get(), md.append('\n').toString(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            terminal.emit(new Event.Warning(f.at(), Optional.empty(), "cannot write the step summary to " + stepSummary.get() + ": " + e.getMessage()));
        }
    }

    private static String cell(String text) {
        return text.lines().findFirst().orElse("").replace("|", "\\|");
    }

    // The runner's own escaping rules for workflow command data and properties.
    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    @Override
    public synchronized void close() {
        endGroup();
        terminal.close();
    }
}
