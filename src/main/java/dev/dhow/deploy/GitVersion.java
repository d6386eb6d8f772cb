package dev.dhow.deploy;

import dev.dhow.config.Builder;
import dev.dhow.core.DhowException;
import dev.dhow.core.LocalProcess;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Works out the app version as Kamal does: {@code --version}, else {@code $VERSION}, else the local git
 * commit ({@code git rev-parse HEAD}). A dirty working tree adds {@code _uncommitted_<16 hex>}, but only when
 * the build uses the working tree ({@code builder.context} set): git-clone builds ignore local changes.
 */
public final class GitVersion {
    private final Path workingDir;

    public GitVersion(Path workingDir) {
        this.workingDir = workingDir;
    }

    /** The version to deploy; {@code builder} is only consulted (and the config only loaded) when git decides. */
    public String resolve(Optional<String> declared, Map<String, String> environment, Supplier<Builder> builder) {
        if (declared.isPresent() && !declared.get().isBlank()) return declared.get();
        String fromEnv = environment.get("VERSION");
        if (fromEnv != null) return fromEnv;
        if (!used()) {
            throw new DhowException("Can't use commit hash as version, no git repository found in " + workingDir.toAbsolutePath());
        }
        String revision = git("rev-parse", "HEAD").output().strip();
        boolean cloneBuild = builder.get().context().isEmpty();
        if (!cloneBuild && !git("status", "--porcelain").output().isBlank()) {
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            return revision + "_uncommitted_" + HexFormat.of().formatHex(random);
        }
        return revision;
    }

    /** Whether the working directory is inside a git repository. */
    public boolean used() {
        return git("rev-parse").exitCode() == 0;
    }

    private record Result(int exitCode, String output) {}

    private Result git(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            LocalProcess.Outcome outcome = LocalProcess.run(LocalProcess.Spec.of(command, Duration.ofSeconds(60))
                    .in(workingDir).errors(LocalProcess.Errors.DISCARD));
            return new Result(outcome.exitCode(), outcome.stdout());
        } catch (DhowException e) {
            if (e.getMessage().startsWith("cannot run")) return new Result(127, ""); // no git binary: like "no repository"
            throw e;
        }
    }
}
