package dev.dhow.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, named exactly as Kamal names them. */
public final class GlobalOptions {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Detailed logging: every command run, stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Minimal logging: errors only.")
    boolean quiet;

    @Option(names = "--version", scope = ScopeType.INHERIT, paramLabel = "VERSION", description = "App version to run against (not dhow's version: see `dhow version`).")
    String version;

    @Option(names = {"-p", "--primary"}, scope = ScopeType.INHERIT, description = "Only run on the primary host.")
    boolean primary;

    @Option(names = {"-h", "--hosts"}, scope = ScopeType.INHERIT, paramLabel = "HOSTS", description = "Comma-separated hosts to run on; * wildcards and {a,b} braces allowed.")
    String hosts;

    @Option(names = {"-r", "--roles"}, scope = ScopeType.INHERIT, paramLabel = "ROLES", description = "Comma-separated roles to run on; * wildcards and {a,b} braces allowed.")
    String roles;

    @Option(names = {"-c", "--config-file"}, scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Path to the config file (default: config/deploy.yml).")
    String configFile = "config/deploy.yml";

    @Option(names = {"-d", "--destination"}, scope = ScopeType.INHERIT, paramLabel = "DEST", description = "Destination: also reads config/deploy.DEST.yml and .kamal/secrets.DEST.")
    String destination;

    @Option(names = {"-H", "--skip-hooks", "--skip_hooks"}, scope = ScopeType.INHERIT, description = "Do not run hooks.")
    boolean skipHooks;

    @Option(names = {"--lock-wait", "--lock_wait"}, scope = ScopeType.INHERIT, description = "Wait for the deploy lock instead of failing at once.")
    boolean lockWait;

    @Option(names = {"--lock-wait-timeout", "--lock_wait_timeout"}, scope = ScopeType.INHERIT, paramLabel = "SECONDS", description = "Longest wait for the deploy lock (default: 900).")
    int lockWaitTimeout = 900;

    @Option(names = {"--lock-wait-interval", "--lock_wait_interval"}, scope = ScopeType.INHERIT, paramLabel = "SECONDS", description = "Seconds between lock polls (default: 15).")
    int lockWaitInterval = 15;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT, description = "Print the commands that would run on each host, and run none of them.")
    boolean dryRun;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Write what happens as JSON events, one per line, on stdout (for CI and scripts); errors stay on stderr.")
    boolean json;

    @Option(names = {"--no-color", "--no-colour"}, scope = ScopeType.INHERIT, description = "No colours, even on a terminal (NO_COLOR=1 does the same).")
    boolean noColor;

    @Option(names = "--help", usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    public boolean verbose() { return verbose; }
    public boolean quiet() { return quiet; }
    public String appVersion() { return version; }
    public boolean primary() { return primary; }
    public String hosts() { return hosts; }
    public String roles() { return roles; }
    public String configFile() { return configFile; }
    public String destination() { return destination; }
    public boolean skipHooks() { return skipHooks; }
    public boolean lockWait() { return lockWait; }
    public int lockWaitTimeout() { return lockWaitTimeout; }
    public int lockWaitInterval() { return lockWaitInterval; }
    public boolean dryRun() { return dryRun; }
    public boolean json() { return json; }
    public boolean noColor() { return noColor; }
}
