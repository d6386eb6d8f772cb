package dev.dhow.cli;

import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.deploy.HttpRegistryProbe;
import dev.dhow.deploy.RegistryProbe;
import dev.dhow.output.Console;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.LocalExecutor;
import dev.dhow.ssh.SshExecutor;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the executors commands run with: SSH to the servers and processes on this machine; and asks registries.
 * Tests pass fakes.
 */
public interface Transport {
    /** An executor reaching the configured hosts. */
    Executor remote(Configuration config, Map<String, String> environment, SecretSource secrets, Console console);

    /** An executor for this machine, working in {@code workingDir}. */
    Executor local(Console console, Path workingDir);

    /** Asks registries over their HTTP API from this machine. */
    default RegistryProbe registry() {
        return new HttpRegistryProbe();
    }

    /** The real thing: pooled MINA SSH sessions and local {@code sh -c}. */
    Transport REAL = new Transport() {
        @Override
        public Executor remote(Configuration config, Map<String, String> environment, SecretSource secrets, Console console) {
            return new SshExecutor(SshSettingsMapper.map(config, environment, secrets::find, console), console);
        }

        @Override
        public Executor local(Console console, Path workingDir) {
            return new LocalExecutor(console, workingDir);
        }
    };
}
