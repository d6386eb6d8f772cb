package dev.dhow.output;

import java.io.PrintWriter;

/**
 * GitLab CI (when {@code GITLAB_CI=true}): each step of the run is a collapsible section of the job log. GitLab
 * reads its section markers on the same stream as the lines they fold, so they go to stderr with the narration.
 */
public final class GitLabCi implements EventSink {
    private final EventSink terminal;
    private final PrintWriter err;
    private String open;
    private int sections;

    public GitLabCi(EventSink terminal, PrintWriter err) {
        this.terminal = terminal;
        this.err = err;
    }

    @Override
    public synchronized void emit(Event event) {
        if (event instanceof Event.StepStarted s) {
            end(s.at().getEpochSecond());
            open = "dhow_" + (++sections) + "_" + s.step().replaceAll("[^A-Za-z0-9_]", "_");
            err.print("\u001B[0Ksection_start:" + s.at().getEpochSecond() + ":" + open + "[collapsed=true]\r\u001B[0K");
            err.flush();
        }
        terminal.emit(event);
        if (event instanceof Event.StepFinished f) end(f.at().getEpochSecond());
        if (event instanceof Event.RunFinished f) end(f.at().getEpochSecond());
    }

    private void end(long at) {
        if (open == null) return;
        err.print("\u001B[0Ksection_end:" + at + ":" + open + "\r\u001B[0K");
        err.println();
        err.flush();
        open = null;
    }

    @Override
    public synchronized void close() {
        terminal.close();
    }
}
