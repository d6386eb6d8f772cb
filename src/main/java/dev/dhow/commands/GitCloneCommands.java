package dev.dhow.commands;

import dev.dhow.core.Cmd;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Git commands for clean builds from a local clone (the default when {@code builder.context} is unset): clone,
 * reset an existing clone to the local HEAD, and check it. The paths are computed by the caller or by the
 * static helpers, which follow Kamal so both tools share the same clone directory.
 */
public final class GitCloneCommands {
    private final String cloneDirectory;
    private final String buildDirectory;
    private final String gitRoot;

    /**
     * @param cloneDirectory {@code <tmp>/kamal-clones/<service>-<sha256(pwd)[0,13]>}
     * @param buildDirectory {@code <clone>/<basename(git root)><pwd relative to the git root>}
     * @param gitRoot        the local repository's top-level directory
     */
    public GitCloneCommands(String cloneDirectory, String buildDirectory, String gitRoot) {
        this.cloneDirectory = cloneDirectory;
        this.buildDirectory = buildDirectory;
        this.gitRoot = gitRoot;
    }

    /** {@code <tmpDir>/kamal-clones/<service>-<first 13 hex chars of sha256(pwd)>}. */
    public static String cloneDirectory(String tmpDir, String service, String pwd) {
        return tmpDir.replaceAll("/+$", "") + "/kamal-clones/" + service + "-" + sha256Hex(pwd).substring(0, 13);
    }

    /** {@code <cloneDirectory>/<basename(gitRoot)><pwd minus gitRoot>}. */
    public static String buildDirectory(String cloneDirectory, String gitRoot, String pwd) {
        String root = gitRoot.replaceAll("/+$", "");
        String base = root.substring(root.lastIndexOf('/') + 1);
        String relative = pwd.startsWith(root) ? pwd.substring(root.length()) : "";
        return cloneDirectory + "/" + base + relative;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code mkdir -p <clone dir>}. */
    public Cmd makeCloneDirectory() {
        return Cmd.of("mkdir", "-p", cloneDirectory);
    }

    /** {@code git -C <clone dir> clone <git root> --recurse-submodules}. */
    public Cmd cloneRepository() {
        return Cmd.of("git", "-C", cloneDirectory, "clone", gitRoot, "--recurse-submodules");
    }

    /** Brings an existing clone to {@code revision} (the local HEAD), removing anything not committed. */
    public List<Cmd> resetSteps(String revision) {
        return List.of(
                git("remote", "set-url", "origin", gitRoot),
                git("fetch", "origin"),
                git("reset", "--hard", revision),
                git("clean", "-fdx"),
                git("submodule", "update", "--init"),
                git("gc", "--auto", "--quiet"));
    }

    /** {@code git -C <build dir> status --porcelain}: must print nothing. */
    public Cmd status() {
        return git("status", "--porcelain");
    }

    /** {@code git -C <build dir> rev-parse HEAD}: must equal the local HEAD. */
    public Cmd revision() {
        return git("rev-parse", "HEAD");
    }

    /** {@code rm -rf <clone dir>}: before cloning again after a failed reset. */
    public Cmd removeClone() {
        return Cmd.of("rm", "-rf", cloneDirectory);
    }

    private Cmd git(String... args) {
        return Cmd.of("git", "-C", buildDirectory).append(args);
    }
}
