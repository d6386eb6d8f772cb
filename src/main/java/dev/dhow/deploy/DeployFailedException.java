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
    static DeployFailedException of(Crew crew, String version, List<String> report, java.util.Optional<String> previous) {
        Cancellation c = crew.cancellation();
        String retry = crew.run().invocation().retryCommand(version);
        if (!c.requested()) return new DeployFailedException(version, report, retry);
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
