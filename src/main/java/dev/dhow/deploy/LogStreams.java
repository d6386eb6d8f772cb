package dev.dhow.deploy;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.output.Console;
import dev.dhow.ssh.Fleet;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Follows logs on several hosts at once over the pooled connections (Kamal follows one host through {@code ssh
 * -t}): every line is printed as it arrives, prefixed {@code [host]}, until the commands end or dhow is stopped.
 * Each host's command gets a terminal, as under Kamal's {@code ssh -t}: {@code grep} then writes every line at
 * once instead of filling a buffer first, and the remote {@code docker logs} ends with the session.
 */
final class LogStreams {
    private LogStreams() {}

    static void follow(Crew crew, List<String> hosts, Function<String, Cmd> command) {
        Fleet.Results<Integer> results = crew.hosts().each(hosts, host -> {
            try (PrefixedLines out = new PrefixedLines(crew.console(), host)) {
                int exit = crew.hosts().interactive(host, command.apply(host), InputStream.nullInputStream(), out);
                if (exit != 0) throw new DhowException("host " + host + ": following the logs ended with exit " + exit);
                return exit;
            }
        });
        results.check();
    }

    /** Splits terminal output into lines (dropping the terminal's {@code \r}) and prints each with the host prefix. */
    static final class PrefixedLines extends OutputStream {
        private final Console console;
        private final String host;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        PrefixedLines(Console console, String host) {
            this.console = console;
            this.host = host;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            for (int i = off; i < off + len; i++) write(bytes[i]);
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
            line.reset();
            console.result(console.prefix(host) + text);
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) emit();
        }
    }
}
