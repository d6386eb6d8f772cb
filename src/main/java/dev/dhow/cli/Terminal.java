package dev.dhow.cli;

import dev.dhow.core.DhowException;
import dev.dhow.core.LocalProcess;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        } catch (DhowException e) {
            return new Terminal(null);
        }
    }

    private static String stty(String... args) {
        List<String> argv = new ArrayList<>(List.of("stty"));
        argv.addAll(List.of(args));
        return LocalProcess.run(LocalProcess.Spec.of(argv, Duration.ofSeconds(5))
                .input(new LocalProcess.FromFile(new File("/dev/tty")))).stdout();
    }

    @Override
    public void close() {
        if (saved == null) return;
        try {
            stty(saved);
        } catch (DhowException e) {
        }
    }
}
