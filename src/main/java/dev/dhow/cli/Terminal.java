package dev.dhow.cli;

import java.io.File;
import java.io.IOException;

/**
 * Puts the local terminal into raw mode for an interactive remote session (so Ctrl-C, arrows and tab reach the
 * remote program) and restores it afterwards. Does nothing when stdin is not a terminal.
 */
final class Terminal implements AutoCloseable {
    private final String saved;

    private Terminal(String saved) {
        this.saved = saved;
    }

    static Terminal raw() {
        if (System.console() == null) return new Terminal(null);
        try {
            String saved = stty("-g").strip();
            stty("raw", "-echo");
            return new Terminal(saved);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return new Terminal(null);
        }
    }

    private static String stty(String... args) throws IOException, InterruptedException {
        String[] argv = new String[args.length + 1];
        argv[0] = "stty";
        System.arraycopy(args, 0, argv, 1, args.length);
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Override
    public void close() {
        if (saved == null) return;
        try {
            stty(saved);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }
}
