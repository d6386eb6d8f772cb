package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import java.util.List;

/**
 * A deploy that stopped part way, by a failure or a signal: what happened on each host, and what to run next.
 * After a signal the exit code is 130 (SIGINT) or 143 (SIGTERM).
 */
public final class DeployFailedException extends DhowException {
    private final List<String> report;
    private final String nextStep;

    public DeployFailedException(int exitCode, String headline, List<String> report, String nextStep) {
        super(exitCode, message(headline, report, nextStep));
        this.report = List.copyOf(report);
        this.nextStep = nextStep;
    }

    /** What to run next, e.g. {@code Retry with: dhow deploy …}. */
    public String nextStep() {
        return nextStep;
    }

    public DeployFailedException(String version, List<String> report, String retryCommand) {
        this(ExitCode.FAILURE, "Deploying version " + version + " failed; hosts are back on the version they ran before:", report,
                "Retry with: " + retryCommand);
    }

    /**
     * The failure of deploying {@code version} in {@code crew}'s run: headed as an interruption when a signal
     * stopped it, and, when a second signal cut the undo short, with the command that puts the hosts back.
     */
    /** What the user should do next about a failure. */
    enum Hint {
        /** Run the same command again (a host was down, a registry hiccup). */
        RETRY,
        /** The new version failed its health check: retrying would fail the same way. */
        FIX_HEALTH,
        /** The image is not in the registry: push it first. */
        PUSH_FIRST,
        /** The image lacks the {@code service} label: pulling it again would fail the same way. */
        LABEL_MISSING
    }

    static DeployFailedException of(Crew crew, String version, List<String> report, java.util.Optional<String> previous) {
        return of(crew, version, report, previous, Hint.RETRY);
    }

    static DeployFailedException of(Crew crew, String version, List<String> report, java.util.Optional<String> previous, Hint hint) {
        Cancellation c = crew.cancellation();
        String retry = crew.run().invocation().retryCommand(version);
        String command = crew.run().invocation().commandLine();
        boolean pullOnly = command.equals("dhow build pull");
        if (!c.requested()) {
            // build pull changes no container, so there is nothing to be back on.
            String headline = pullOnly ? "Pulling version " + version + " failed; no container was changed:"
                    : "Deploying version " + version + " failed; hosts are back on the version they ran before:";
            String next = switch (hint) {
                case RETRY -> "Retry with: " + retry;
                case FIX_HEALTH -> "Next: version " + version + " did not pass its health check (its logs are above); fix it and deploy a"
                        + " new build, as running the same version again would fail the same way.";
                case PUSH_FIRST -> "Next: the image " + version + " is not in the registry; push it first ("
                        + crew.run().invocation().withSelectors("build push --version " + dev.dhow.core.Shell.escape(version))
                        + ")" + (pullOnly ? "." : ", or deploy without --skip-push.");
                case LABEL_MISSING -> "Next: the image " + version + " has no label service=\"" + crew.config().service()
                        + "\", which tells dhow and Kamal whose image it is; build it with dhow (which adds the label) or add"
                        + " LABEL service=\"" + crew.config().service() + "\" to the Dockerfile, then push it again.";
            };
            return new DeployFailedException(ExitCode.FAILURE, headline, report, next);
        }
        String signal = "SIG" + c.firstSignal().orElse("INT");
        if (c.stage() == Cancellation.Stage.ABANDONED && report.stream().anyMatch(l -> l.contains("undo skipped"))) {
            String fix = previous.map(back -> "Put them back with: " + crew.run().invocation().withSelectors("rollback " + dev.dhow.core.Shell.escape(back)))
                    .orElse("Deploy again with: " + retry);
            return new DeployFailedException(c.exitCode(), "Interrupted twice (" + signal + ") while deploying version " + version
                    + "; the undo was cut short, so some hosts are left as they are:", report, fix);
        }
        return new DeployFailedException(c.exitCode(), "Interrupted (" + signal + ") while deploying version " + version
                + "; hosts are back on the version they ran before:", report, "Deploy again with: " + retry);
    }

    /**
     * A canary of {@code version} that failed its verification ({@code check}, naming the host); {@code report} says
     * what each canary host was put back to. The other hosts were never touched.
     */
    static DeployFailedException canary(Crew crew, String version, String check, List<String> report) {
        return new DeployFailedException(ExitCode.FAILURE, "Canary of version " + version + " failed: " + check
                + "; the canary hosts were put back, the other hosts never left the version they ran:", report,
                "Next: version " + version + " failed on its canary hosts (see above); fix it and deploy a new build.");
    }

    /** One line per host (and role): {@code <host>: <what happened>}. */
    public List<String> report() {
        return report;
    }

    private static String message(String headline, List<String> report, String nextStep) {
        StringBuilder sb = new StringBuilder(headline);
        for (String line : report) sb.append("\n  ").append(line.replace("\n", "\n    "));
        return sb.append("\n").append(nextStep).toString();
    }
}
