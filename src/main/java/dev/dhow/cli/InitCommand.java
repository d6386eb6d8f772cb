package dev.dhow.cli;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dhow init}: writes a starter {@code config/deploy.yml}, {@code .kamal/secrets} and sample hooks
 * {@code .kamal/hooks/*.sample}. Never overwrites: an existing deploy.yml stops it, and an existing secrets
 * file or hooks directory is left alone.
 */
@Command(name = "init", description = "Create a starter config/deploy.yml, .kamal/secrets and sample hooks.")
public final class InitCommand implements Callable<Integer> {
    /** Every hook Kamal runs (§3.1), each written as {@code <name>.sample}. */
    public static final List<String> HOOKS = List.of("docker-setup", "pre-connect", "pre-build", "pre-deploy",
            "pre-app-boot", "post-app-boot", "post-deploy", "pre-proxy-reboot", "post-proxy-reboot");

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path root = ConfigContext.of(spec).workingDir();
        PrintWriter out = spec.commandLine().getOut();
        Path deployFile = root.resolve("config/deploy.yml");
        if (Files.exists(deployFile)) {
            throw new DhowException("Config file already exists in config/deploy.yml (remove first to create a new one)");
        }
        Files.createDirectories(deployFile.getParent());
        Files.writeString(deployFile, template("deploy.yml"));
        out.println("Created configuration file in config/deploy.yml");

        Path secrets = root.resolve(".kamal/secrets");
        if (Files.exists(secrets)) {
            out.println("Secrets file already exists in .kamal/secrets, left unchanged");
        } else {
            Files.createDirectories(secrets.getParent());
            Files.writeString(secrets, template("secrets"));
            out.println("Created .kamal/secrets file");
        }

        Path hooks = root.resolve(".kamal/hooks");
        if (Files.exists(hooks)) {
            out.println("Hooks directory already exists in .kamal/hooks, left unchanged");
        } else {
            Files.createDirectories(hooks);
            for (String hook : HOOKS) {
                Path sample = hooks.resolve(hook + ".sample");
                Files.writeString(sample, template("hooks/" + hook + ".sample"));
                makeExecutable(sample);
            }
            out.println("Created sample hooks in .kamal/hooks");
        }
        out.flush();
        return 0;
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the samples are still written, just not marked executable.
        }
    }

    static String template(String name) {
        try (InputStream in = InitCommand.class.getResourceAsStream("/templates/init/" + name)) {
            if (in == null) throw new IllegalStateException("missing bundled template " + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled template " + name, e);
        }
    }
}
