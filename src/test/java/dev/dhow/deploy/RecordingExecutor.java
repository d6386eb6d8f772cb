package dev.dhow.deploy;

import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.OutputLine;
import dev.dhow.ssh.Result;
import dev.dhow.ssh.Tunnel;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A fake {@link Executor} for orchestration tests: answers each command with the first canned reply whose host
 * and command text match (else exit 0, no output), and records every (host, command) in order. Commands are
 * recorded in their redacted form; {@link #shellLines()} keeps the executed form to prove secrets stay out.
 */
public final class RecordingExecutor implements Executor {
    /** One recorded call. */
    public record Call(String host, String command) {
        @Override
        public String toString() {
            return host + ": " + command;
        }
    }

    private record Reply(Predicate<String> host, Predicate<String> command, int exit, String stdout, String stderr,
                         boolean unreachable, int[] remaining) {}

    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> shellLines = new CopyOnWriteArrayList<>();
    private final List<String> stdins = new CopyOnWriteArrayList<>();
    private final List<java.time.Duration> limits = new CopyOnWriteArrayList<>();
    private final List<java.util.Map.Entry<String, Runnable>> triggers = new CopyOnWriteArrayList<>();

    /** Runs {@code action} whenever a command containing {@code fragment} is about to answer (e.g. a signal arrives). */
    public RecordingExecutor onCommand(String fragment, Runnable action) {
        triggers.add(java.util.Map.entry(fragment, action));
        return this;
    }

    /** Replies {@code stdout} (exit 0) to commands on any host containing {@code fragment}. */
    public RecordingExecutor answer(String fragment, String stdout) {
        return reply(h -> true, fragment, 0, stdout, "", -1);
    }

    /** Replies {@code stdout} (exit 0) to commands on {@code host} containing {@code fragment}. */
    public RecordingExecutor answer(String host, String fragment, String stdout) {
        return reply(host::equals, fragment, 0, stdout, "", -1);
    }

    /** Replies {@code stdout} and {@code stderr} with exit 0, as a compound command whose last part succeeded. */
    public RecordingExecutor answerWithErrors(String fragment, String stdout, String stderr) {
        return reply(h -> true, fragment, 0, stdout, stderr, -1);
    }

    /** Replies {@code stdout} to the next command on {@code host} containing {@code fragment}, once. */
    public RecordingExecutor answerOnce(String host, String fragment, String stdout) {
        return reply(host::equals, fragment, 0, stdout, "", 1);
    }

    /** Fails commands containing {@code fragment} with {@code exit} and {@code stderr}. */
    public RecordingExecutor fail(String fragment, int exit, String stderr) {
        return reply(h -> true, fragment, exit, "", stderr, -1);
    }

    public RecordingExecutor fail(String host, String fragment, int exit, String stderr) {
        return reply(host::equals, fragment, exit, "", stderr, -1);
    }

    /** Fails the next {@code times} commands containing {@code fragment}, then falls through to later replies. */
    public RecordingExecutor failTimes(String fragment, int times, int exit, String stderr) {
        return reply(h -> true, fragment, exit, "", stderr, times);
    }

    /** Every command on {@code host} throws, as an unreachable host does. */
    public RecordingExecutor unreachable(String host) {
        replies.add(new Reply(host::equals, c -> true, 255, "", "", true, new int[] {-1}));
        return this;
    }

    private RecordingExecutor reply(Predicate<String> host, String fragment, int exit, String out, String err, int times) {
        replies.add(new Reply(host, c -> c.contains(fragment), exit, out, err, false, new int[] {times}));
        return this;
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Recorded commands on {@code host}, in order. */
    public List<String> commandsOn(String host) {
        return calls.stream().filter(c -> c.host().equals(host)).map(Call::command).toList();
    }

    /** The executed lines (real values), in order: for checking that no secret reaches a command line. */
    public List<String> shellLines() {
        return new ArrayList<>(shellLines);
    }

    /** The time limit each recorded command ran under, in the order of {@link #calls()}. */
    public List<java.time.Duration> limits() {
        return new ArrayList<>(limits);
    }

    private final List<String> ahead = new CopyOnWriteArrayList<>();

    /** Hosts asked to connect ahead, each with the number of commands recorded before the request. */
    public List<String> connectedAhead() {
        return new ArrayList<>(ahead);
    }

    @Override
    public void connectAhead(List<String> hosts) {
        for (String host : hosts) ahead.add(host + " after " + calls.size() + " commands");
    }

    /** What was fed to commands' standard input. */
    public List<String> stdins() {
        return new ArrayList<>(stdins);
    }

    @Override
    public Result stream(String host, Cmd cmd, java.time.Duration limit, Consumer<OutputLine> lines) {
        String command = cmd.redacted();
        calls.add(new Call(host, command));
        limits.add(limit);
        shellLines.add(cmd.shellLine());
        cmd.stdin().ifPresent(s -> stdins.add(s.value()));
        for (var t : triggers) if (command.contains(t.getKey())) t.getValue().run();
        if (command.contains(SURVEY_CURRENT)) return survey(host, command, lines);
        Reply r = find(host, command);
        if (r == null) return new Result(host, command, 0, "", "");
        if (r.unreachable()) throw new DhowException("host " + host + ": connection refused");
        r.stdout().lines().forEach(l -> lines.accept(new OutputLine(host, false, l)));
        return new Result(host, command, r.exit(), r.stdout(), r.stderr());
    }

    // A boot survey is three queries chained with marker lines: each query is answered as if it ran alone, as the
    // shell would, so tests keep answering the queries they know.
    private static final String SURVEY_CURRENT = " ; echo '# current' ; ";
    private static final String SURVEY_EXISTING = " ; echo '# existing' ; ";

    private Result survey(String host, String command, Consumer<OutputLine> lines) {
        String[] first = command.split(java.util.regex.Pattern.quote(SURVEY_CURRENT), 2);
        String[] rest = first[1].split(java.util.regex.Pattern.quote(SURVEY_EXISTING), 2);
        StringBuilder out = new StringBuilder();
        int exit = 0;
        List<String> parts = List.of(first[0], rest[0], rest[1]);
        for (int i = 0; i < parts.size(); i++) {
            if (i == 1) out.append("# current\n");
            if (i == 2) out.append("# existing\n");
            Reply r = find(host, parts.get(i));
            if (r != null && r.unreachable()) throw new DhowException("host " + host + ": connection refused");
            String text = r == null ? "" : r.stdout();
            out.append(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
            exit = r == null ? 0 : r.exit();
        }
        out.toString().lines().forEach(l -> lines.accept(new OutputLine(host, false, l)));
        return new Result(host, command, exit, out.toString(), "");
    }

    private synchronized Reply find(String host, String command) {
        for (Reply r : replies) {
            if (!r.host().test(host) || !r.command().test(command)) continue;
            if (r.remaining()[0] == 0) continue;
            if (r.remaining()[0] > 0) r.remaining()[0]--;
            return r;
        }
        return null;
    }

    @Override
    public Executor withEnvironment(java.util.Map<String, String> env) {
        calls.add(new Call("local", "environment " + String.join(",", new java.util.TreeSet<>(env.keySet()))));
        return this;
    }

    @Override
    public void upload(String host, byte[] content, String remotePath, int mode) {
        calls.add(new Call(host, "upload " + remotePath + " " + String.format("%04o", mode)));
        Reply r = find(host, "upload " + remotePath);
        if (r != null && r.unreachable()) throw new DhowException("host " + host + ": connection refused");
        uploads.add(new String(content, java.nio.charset.StandardCharsets.UTF_8));
    }

    private final List<String> uploads = new CopyOnWriteArrayList<>();

    /** Uploaded file contents, in order. */
    public List<String> uploads() {
        return new ArrayList<>(uploads);
    }

    @Override
    public int runInteractive(String host, Cmd cmd, InputStream in, OutputStream out) {
        calls.add(new Call(host, cmd.redacted() + " (interactive)"));
        // A canned reply is what the terminal shows, with a terminal's line endings.
        Reply r = find(host, cmd.redacted());
        if (r == null) return 0;
        if (r.unreachable()) throw new DhowException("host " + host + ": connection refused");
        try {
            out.write(r.stdout().replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return r.exit();
    }

    @Override
    public Tunnel forwardRemote(String host, int remotePort, String localHost, int localPort) {
        calls.add(new Call(host, "forward remote " + remotePort + " -> " + localHost + ":" + localPort));
        Reply r = find(host, "forward remote");
        if (r != null && r.unreachable()) throw new DhowException("host " + host + ": connection refused");
        return new Tunnel() {
            @Override public int port() { return remotePort; }
            @Override public void close() { calls.add(new Call(host, "close forward " + remotePort)); }
        };
    }

    @Override
    public Tunnel forwardLocal(String host, int localPort, String remoteHost, int remotePort) {
        calls.add(new Call(host, "forward local " + localPort + " -> " + remoteHost + ":" + remotePort));
        return new Tunnel() {
            @Override public int port() { return localPort; }
            @Override public void close() {}
        };
    }
}
