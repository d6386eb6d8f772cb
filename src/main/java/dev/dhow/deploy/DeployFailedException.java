package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import java.util.List;

/** A deploy that stopped part way: what happened on each host, and the command to run again. */
public final class DeployFailedException extends DhowException {
    private final List<String> report;

    public DeployFailedException(String version, List<String> report, String retryCommand) {
        super(message(version, report, retryCommand));
        this.report = List.copyOf(report);
    }

    /** One line per host (and role): {@code <host>: <what happened>}. */
    public List<String> report() {
        return report;
    }

    private static String message(String version, List<String> report, String retry) {
        StringBuilder sb = new StringBuilder("Deploying version " + version + " failed; hosts are back on the version they ran before:");
        for (String line : report) sb.append("\n  ").append(line.replace("\n", "\n    "));
        return sb.append("\nRetry with: ").append(retry).toString();
    }
}
