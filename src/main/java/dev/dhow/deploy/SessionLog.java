package dev.dhow.deploy;

import dev.dhow.core.DhowException;
import dev.dhow.output.EventSink;
import dev.dhow.output.TerminalRenderer;
import dev.dhow.output.Verbosity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code output: file: {path: DIR}}: a copy of everything a deploy flow prints, in
 * {@code DIR/<YYYY-MM-DDTHH-MM-SS>[_<dest>]_<command>[_<subcommand>].log}, ending with {@code # Completed in N.Ns}
 * or {@code # FAILED: <error> (N.Ns)}, as Kamal's file logger writes it.
 */
public final class SessionLog {
    private final Path file;
    private final Writer writer;

    private SessionLog(Path file, Writer writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Creates the directory and opens the file for this run. */
    public static SessionLog open(Path directory, LocalDateTime now, Optional<String> destination, String command, Optional<String> subcommand) {
        String name = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss", Locale.ROOT))
                + destination.map(d -> "_" + d).orElse("") + "_" + command + subcommand.map(s -> "_" + s).orElse("") + ".log";
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name);
            return new SessionLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new DhowException("output/file/path: cannot write logs to " + directory + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    /** The events of the run as the terminal shows them (without colour or live status), written to this log. */
    public EventSink sink(Verbosity verbosity) {
        PrintWriter file = new PrintWriter(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                synchronized (SessionLog.this) {
                    writer.write(buf, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (SessionLog.this) {
                    writer.flush();
                }
            }

            @Override
            public void close() {
                // finish() closes the file with its last line
            }
        });
        return new TerminalRenderer(file, file, verbosity, TerminalRenderer.Style.PLAIN);
    }

    /** A writer that writes to {@code out} and to this log. */
    public Writer tee(Writer out) {
        return new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                synchronized (SessionLog.this) {
                    writer.write(buf, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                synchronized (SessionLog.this) {
                    writer.flush();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * Writes the closing line and closes the file.
     *
     * @param signal the signal that stopped the run ({@code INT}, {@code TERM}), if one did: the line then says
     *               {@code # FAILED: interrupted (SIGINT)} whatever error the unwinding ended with
     */
    public synchronized void finish(Optional<Throwable> failure, double seconds, Optional<String> signal) {
        String runtime = String.format(Locale.ROOT, "%.1f", seconds);
        try {
            String failed = signal.map(s -> "# FAILED: interrupted (SIG" + s + ")")
                    .orElseGet(() -> failure.map(e -> "# FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage()).orElse(""));
            writer.write((failure.isPresent() ? failed + " (" + runtime + "s)" : "# Completed in " + runtime + "s") + "\n");
            writer.close();
        } catch (IOException e) {
            // the run itself is what matters; losing the log's last line is not worth failing it
        }
    }
}
