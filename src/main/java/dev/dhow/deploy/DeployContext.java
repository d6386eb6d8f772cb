package dev.dhow.deploy;

import dev.dhow.config.Configuration;
import dev.dhow.config.SecretSource;
import dev.dhow.config.Targets;
import dev.dhow.output.Console;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.Fleet;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Everything one dhow command run shares (Kamal's Commander): the configuration and the hosts/roles selected,
 * the app version, secrets, the console, the executors (remote = SSH or dry-run, local = this machine), whether
 * this process holds the deploy lock, and the helpers built on them ({@link #lock()}, {@link #hooks()},
 * {@link #audit()}). Built once per command by the CLI ({@code dev.dhow.cli.DeployContexts}) or by tests with
 * {@link #builder(Configuration)}. Closing it closes the executors.
 *
 * <p>Thread-safety: the fields are fixed after building except the lock flag and the version override, which
 * are only changed from the command's main thread.
 */
public final class DeployContext implements AutoCloseable {
    /** {@code --lock-wait}, {@code --lock-wait-timeout}, {@code --lock-wait-interval}. */
    public record LockWait(boolean enabled, int timeoutSeconds, int intervalSeconds) {
        public static final LockWait NONE = new LockWait(false, 900, 15);
    }

    /**
     * The command being run, for hooks ({@code KAMAL_COMMAND}/{@code KAMAL_SUBCOMMAND}) and the retry hint.
     *
     * @param selectors the options that pick the config, destination, hosts and roles ({@code -c x -d y}), to repeat
     */
    public record Invocation(String command, Optional<String> subcommand, List<String> selectors) {
        public Invocation {
            selectors = List.copyOf(selectors);
        }

        public static Invocation of(String command, String subcommand) {
            return new Invocation(command, Optional.ofNullable(subcommand), List.of());
        }

        /** {@code dhow <command> [<subcommand>]}. */
        public String commandLine() {
            return "dhow " + command + subcommand.map(s -> " " + s).orElse("");
        }

        /** The command to run again for {@code version}: {@code dhow deploy --version V -d staging}. */
        public String retryCommand(String version) {
            StringBuilder sb = new StringBuilder(commandLine());
            if (command.equals("deploy") || command.equals("redeploy") || command.equals("setup")) sb.append(" --skip-push");
            if (!command.equals("rollback")) sb.append(" --version ").append(dev.dhow.core.Shell.escape(version));
            else sb.append(" ").append(dev.dhow.core.Shell.escape(version));
            for (String s : selectors) sb.append(' ').append(dev.dhow.core.Shell.escape(s));
            return sb.toString();
        }
    }

    private final Configuration config;
    private final Targets targets;
    private final Supplier<String> versionSupplier;
    private final SecretSource secrets;
    private final Console console;
    private final Executor remote;
    private final Executor local;
    private final Executor probe;
    private final boolean dryRun;
    private final boolean skipHooks;
    private final LockWait lockWait;
    private final Optional<List<String>> specificRoles;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Invocation invocation;
    private final Clock clock;
    private final Sleeper sleeper;
    private final IntFunction<String> randomHex;
    private final Supplier<String> performer;
    private final Supplier<String> lockedBy;
    private final Optional<SessionLog> sessionLog;
    private final Optional<OtelShipper> otel;
    private final Lock lock;
    private final Hooks hooks;
    private final Audit audit;
    private final Instant startedAt;

    private final java.util.concurrent.atomic.AtomicBoolean preConnected = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean holdingLock;
    private volatile String version;

    private DeployContext(Builder b) {
        this.config = b.config;
        this.targets = b.targets != null ? b.targets : Targets.all(b.config);
        this.versionSupplier = Objects.requireNonNull(b.version, "version");
        this.secrets = b.secrets;
        this.console = Objects.requireNonNull(b.console, "console");
        this.dryRun = b.dryRun;
        this.skipHooks = b.skipHooks;
        this.lockWait = b.lockWait;
        this.specificRoles = b.specificRoles;
        this.environment = Map.copyOf(b.environment);
        this.workingDir = b.workingDir;
        this.invocation = b.invocation;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.randomHex = b.randomHex;
        this.sessionLog = Optional.ofNullable(b.sessionLog);
        this.otel = Optional.ofNullable(b.otel);
        this.performer = memo(b.performer);
        this.lockedBy = memo(b.lockedBy);
        this.holdingLock = "true".equals(environment.get("KAMAL_LOCK"));
        this.hooks = new Hooks(this);
        // The pre-connect hook runs once, before the first command reaches any host.
        this.remote = new PreConnectExecutor(Objects.requireNonNull(b.remote, "remote"), this::preConnect);
        this.local = Objects.requireNonNull(b.local, "local");
        this.probe = b.probe != null ? b.probe : this.local;
        this.lock = new Lock(this);
        this.audit = new Audit(this);
        this.startedAt = clock.instant();
    }

    public static Builder builder(Configuration config) {
        return new Builder(config);
    }

    public Configuration config() { return config; }

    /** Hosts and roles selected by {@code -h}, {@code -r}, {@code -p}. */
    public Targets targets() { return targets; }

    /** The app version (resolved lazily: {@code --version}, {@code $VERSION}, git), or the one set by {@link #useVersion}. */
    public String version() {
        String v = version;
        if (v == null) {
            synchronized (this) {
                if (version == null) version = versionSupplier.get();
                v = version;
            }
        }
        return v;
    }

    /** Acts on another version from now on (rollback, {@code app boot} without {@code --version}). */
    public synchronized void useVersion(String newVersion) {
        this.version = newVersion;
    }

    public SecretSource secrets() { return secrets; }

    public Console console() { return console; }

    /** Runs commands on the servers (SSH, or recording only with {@code --dry-run}). */
    public Executor remote() { return remote; }

    /** Runs commands on this machine (builds, the local registry); records only with {@code --dry-run}. */
    public Executor local() { return local; }

    /**
     * Runs read-only questions on this machine (is buildx installed? which architecture? git HEAD?): the real
     * local executor even with {@code --dry-run}, so a dry run prints the commands this machine would really run.
     */
    public Executor probe() { return probe; }

    public boolean dryRun() { return dryRun; }

    public boolean skipHooks() { return skipHooks; }

    public LockWait lockWait() { return lockWait; }

    /** The {@code -r} roles when given (for {@code KAMAL_ROLES}). */
    public Optional<List<String>> specificRoles() { return specificRoles; }

    /** The environment dhow was started with (hooks inherit it). */
    public Map<String, String> environment() { return environment; }

    public Path workingDir() { return workingDir; }

    public Invocation invocation() { return invocation; }

    public Clock clock() { return clock; }

    public Sleeper sleeper() { return sleeper; }

    /** {@code n} random lowercase hex digits (container hostnames, {@code _replaced_} suffixes). */
    public String randomHex(int n) { return randomHex.apply(n); }

    /** {@code git config user.email}, else {@code whoami}. */
    public String performer() { return performer.get(); }

    /** {@code git config user.name}, else {@code Unknown}. */
    public String lockedBy() { return lockedBy.get(); }

    /** Now, as Kamal's {@code Time.now.utc.iso8601}: {@code 2026-11-22T10:00:00Z}. */
    public String recordedAt() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Seconds since the context was built, for {@code Finished all in N.N seconds} and {@code KAMAL_RUNTIME}. */
    public double elapsedSeconds() {
        return (clock.millis() - startedAt.toEpochMilli()) / 1000.0;
    }

    /** Runs the {@code pre-connect} hook, once per process (before the first host is reached, or a build starts). */
    public void preConnect() {
        if (preConnected.compareAndSet(false, true)) hooks.run("pre-connect", true);
    }

    public boolean holdingLock() { return holdingLock; }

    void holdingLock(boolean held) { this.holdingLock = held; }

    public Lock lock() { return lock; }

    /** The {@code output: file:} log of this run, when configured for this command. */
    public Optional<SessionLog> sessionLog() { return sessionLog; }

    /** The {@code output: otel:} shipper of this run, when configured for this command. */
    public Optional<OtelShipper> otel() { return otel; }

    public Hooks hooks() { return hooks; }

    public Audit audit() { return audit; }

    /** A fleet running one step on up to all of {@code hosts} at once. */
    public Fleet fleet(List<String> hosts) {
        return new Fleet(Math.max(1, Math.min(hosts.size(), 64)));
    }

    @Override
    public void close() {
        otel.ifPresent(OtelShipper::close);
        try {
            remote.close();
        } finally {
            local.close();
            if (probe != local) probe.close();
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = s.get();
                return value;
            }
        };
    }

    /** Builds a context; only {@code console}, {@code remote}, {@code local} and {@code version} are required. */
    public static final class Builder {
        private final Configuration config;
        private Targets targets;
        private Supplier<String> version;
        private SecretSource secrets = SecretSource.empty();
        private Console console;
        private Executor remote;
        private Executor local;
        private Executor probe;
        private boolean dryRun;
        private boolean skipHooks;
        private LockWait lockWait = LockWait.NONE;
        private Optional<List<String>> specificRoles = Optional.empty();
        private Map<String, String> environment = Map.of();
        private Path workingDir = Path.of("").toAbsolutePath();
        private Invocation invocation = Invocation.of("deploy", null);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private IntFunction<String> randomHex = DeployContext::secureHex;
        private Supplier<String> performer;
        private Supplier<String> lockedBy;
        private SessionLog sessionLog;
        private OtelShipper otel;

        private Builder(Configuration config) {
            this.config = Objects.requireNonNull(config);
        }

        public Builder targets(Targets t) { this.targets = t; return this; }
        public Builder version(Supplier<String> v) { this.version = v; return this; }
        public Builder version(String v) { this.version = () -> v; return this; }
        public Builder secrets(SecretSource s) { this.secrets = s; return this; }
        public Builder console(Console c) { this.console = c; return this; }
        public Builder remote(Executor e) { this.remote = e; return this; }
        public Builder local(Executor e) { this.local = e; return this; }
        /** Read-only local questions; defaults to {@link #local(Executor)}. */
        public Builder probe(Executor e) { this.probe = e; return this; }
        public Builder dryRun(boolean d) { this.dryRun = d; return this; }
        public Builder skipHooks(boolean s) { this.skipHooks = s; return this; }
        public Builder lockWait(LockWait w) { this.lockWait = w; return this; }
        public Builder specificRoles(Optional<List<String>> r) { this.specificRoles = r; return this; }
        public Builder environment(Map<String, String> env) { this.environment = env; return this; }
        public Builder workingDir(Path dir) { this.workingDir = dir; return this; }
        public Builder invocation(Invocation i) { this.invocation = i; return this; }
        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder sleeper(Sleeper s) { this.sleeper = s; return this; }
        public Builder randomHex(IntFunction<String> r) { this.randomHex = r; return this; }
        public Builder performer(Supplier<String> p) { this.performer = p; return this; }
        public Builder lockedBy(Supplier<String> l) { this.lockedBy = l; return this; }
        public Builder sessionLog(SessionLog l) { this.sessionLog = l; return this; }
        public Builder otel(OtelShipper o) { this.otel = o; return this; }

        public DeployContext build() {
            Identity identity = new Identity(workingDir, environment);
            if (performer == null) performer = identity::performer;
            if (lockedBy == null) lockedBy = identity::lockedBy;
            return new DeployContext(this);
        }
    }

    private static String secureHex(int n) {
        byte[] bytes = new byte[(n + 1) / 2];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, n);
    }
}
