package dev.dhow.cli;

import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.secrets.Adapters;
import dev.dhow.secrets.KamalJson;
import dev.dhow.secrets.ProcessRunner;
import dev.dhow.config.dotenv.Shellwords;
import dev.dhow.secrets.SecretAdapter;
import dev.dhow.secrets.Timeouts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dhow secrets fetch}: asks one adapter for secrets and prints them as Kamal's JSON object;
 * with the hidden {@code --inline} (used by {@code $(kamal secrets fetch …)} in {@code .kamal/secrets})
 * prints the shell-escaped JSON without a newline instead.
 */
@Command(name = "fetch", description = "Fetch secrets from a vault.")
public final class SecretsFetchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-a", "--adapter"}, required = true, paramLabel = "NAME",
            description = "Which vault adapter to use: 1password, 1password-connect, aws_secrets_manager, bitwarden, "
                    + "bitwarden-sm, doppler, enpass, gcp, lastpass, passbolt, vault.")
    String adapter;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "The account identifier or username.")
    String account;

    @Option(names = "--from", paramLabel = "FROM", description = "A vault or folder to fetch the secrets from.")
    String from;

    @Option(names = "--inline", hidden = true)
    boolean inline;

    @Parameters(paramLabel = "SECRETS", arity = "0..*", description = "The secrets to fetch.")
    List<String> secrets = new ArrayList<>();

    private final Map<String, String> env;
    private final ProcessBuilder.Redirect stdin;
    private final Timeouts timeouts;

    /** The real command: the root command's environment (the process's, unless a test injected one) and the terminal. */
    public SecretsFetchCommand() {
        this(null, ProcessBuilder.Redirect.INHERIT, Timeouts.DEFAULT);
    }

    /**
     * @param env environment for the vendor CLIs and REST adapters; its PATH decides which CLIs are found
     * @param stdin what the CLIs read (sign-in prompts)
     */
    public SecretsFetchCommand(Map<String, String> env, ProcessBuilder.Redirect stdin, Timeouts timeouts) {
        this.env = env;
        this.stdin = stdin;
        this.timeouts = timeouts;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> environment = env != null ? env : ConfigContext.of(spec).environment();
        SecretAdapter selected = new Adapters(new ProcessRunner(environment, stdin, err), timeouts).lookup(adapter);
        if (selected.requiresAccount() && (account == null || account.isBlank())) {
            throw new DhowException("No value provided for required options '--account'");
        }
        String json = KamalJson.dump(selected.fetch(List.copyOf(secrets), account, from));
        PrintWriter out = spec.commandLine().getOut();
        if (inline) out.print(Shellwords.escape(json));
        else out.println(json);
        out.flush();
        return ExitCode.OK;
    }
}
