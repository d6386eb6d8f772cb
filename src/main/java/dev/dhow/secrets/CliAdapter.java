package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhow.core.DhowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared flow of adapters that drive a vendor CLI (Kamal's {@code Adapters::Base}): account
 * check, "is the CLI installed", sign-in, fetch; with error messages prefixed by the adapter name.
 */
abstract class CliAdapter implements SecretAdapter {
    protected final ProcessRunner runner;

    protected CliAdapter(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The executable, e.g. {@code op}. */
    protected abstract String program();

    /** Where to get the CLI, shown when it is missing. */
    protected abstract String installHint();

    /** Signs in when needed; returns a session token or null. */
    protected abstract String login(String account);

    protected abstract Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session);

    /** The probe that proves the CLI works; Kamal runs {@code <cli> --version 2> /dev/null}. */
    protected List<String> versionCommand() {
        return List.of(program(), "--version");
    }

    @Override
    public final Map<String, String> fetch(List<String> secrets, String account, String from) {
        if (requiresAccount() && (account == null || account.isBlank())) {
            throw fail("--account is required");
        }
        checkInstalled();
        String session = login(account);
        return fetchSecrets(secrets, account, from, session);
    }

    private void checkInstalled() {
        if (runner.which(program()).isEmpty()) {
            throw fail("the '" + program() + "' command is not installed (" + installHint() + ")");
        }
        ProcessRunner.Result version = runner.runQuietly(versionCommand());
        if (!version.ok()) {
            throw fail("'" + String.join(" ", versionCommand()) + "' failed with exit code " + version.exitCode()
                    + "; is the CLI installed correctly? (" + installHint() + ")");
        }
    }

    protected ProcessRunner.Result run(String... argv) {
        return runner.run(List.of(argv));
    }

    protected ProcessRunner.Result run(List<String> argv) {
        return runner.run(argv);
    }

    protected ProcessRunner.Result runQuietly(String... argv) {
        return runner.runQuietly(List.of(argv));
    }

    protected DhowException fail(String message) {
        return new DhowException(name() + ": " + message);
    }

    /** A failure message with the CLI's own explanation appended when it gave one. */
    protected DhowException fail(String message, ProcessRunner.Result result) {
        String reason = result.stderr().isBlank() ? "exit code " + result.exitCode() : result.reason();
        return fail(message + " (" + program() + ": " + reason + ")");
    }

    /** Parses the CLI's stdout; the output itself never goes into the message (it may hold secrets). */
    protected JsonNode json(ProcessRunner.Result result, String what) {
        return KamalJson.parse(result.stdout())
                .orElseThrow(() -> fail("unexpected output from " + what + " (not JSON)"));
    }

    protected static List<String> prefixed(List<String> secrets, String from) {
        List<String> out = new ArrayList<>(secrets.size());
        for (String s : secrets) out.add(from == null || from.isEmpty() ? s : from + "/" + s);
        return out;
    }

    protected static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString();
    }
}
