package dev.dhow.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Collects a stream's bytes and hands each complete line to a listener as it arrives. */
final class LineSplitter extends OutputStream {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final String host;
    private final boolean stderr;
    private final Consumer<OutputLine> listener;

    LineSplitter(String host, boolean stderr, Consumer<OutputLine> listener) {
        this.host = host;
        this.stderr = stderr;
        this.listener = listener;
    }

    @Override
    public synchronized void write(int b) {
        all.write(b);
        if (b == '\n') emit();
        else line.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        all.write(b, off, len);
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i - start);
                emit();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        line.reset();
        listener.accept(new OutputLine(host, stderr, text));
    }

    /** Flushes a last line without a line break. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) emit();
    }

    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }
}
