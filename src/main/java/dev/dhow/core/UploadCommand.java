package dev.dhow.core;

/**
 * The shell side of an upload: content arrives on stdin, lands in a private temp file (umask 077, so a secret
 * is never readable by others, not even briefly), gets its mode, then replaces the target atomically.
 */
public final class UploadCommand {
    private UploadCommand() {}

    /** Writes the command's standard input to {@code remotePath} with permission bits {@code mode}. */
    public static Cmd of(String remotePath, int mode) {
        if (mode < 0 || mode > 07777) throw new IllegalArgumentException("file mode out of range: " + Integer.toOctalString(mode));
        String tmp = remotePath + ".dhow-upload";
        return Cmd.raw("umask 077 &&").append("cat").appendRaw(">").append(tmp).appendRaw("&&")
                .append("chmod", String.format("%04o", mode), tmp).appendRaw("&&").append("mv", "-f", tmp, remotePath);
    }
}
