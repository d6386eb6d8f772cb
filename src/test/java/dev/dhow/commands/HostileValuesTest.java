package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.commands.StubbedShell.Run;
import dev.dhow.config.Accessory;
import dev.dhow.config.Unvalidated;
import dev.dhow.config.Configuration;
import dev.dhow.config.Role;
import dev.dhow.core.Cmd;
import dev.dhow.core.Sensitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration key (and command-line value) that reaches a command line holds shell syntax of every kind;
 * each rendered command is run through a real shell with the programs it calls stubbed, and the stub must receive
 * the value exactly as written, with nothing executed. Keys whose format is checked at load time are tested as
 * rejections in {@code ValueFormatsTest}; {@code cmd:}, typed exec commands and {@code builder.ssh} are shell text
 * by design and are not here.
 */
class HostileValuesTest {
    /** The payload, exactly as the fixtures' YAML spells it. */
    static final String H = "a b;c&&d|e'f\"g$(touch pwned-1)h`touch pwned-2`i${HOME}j$HOME\\k*?[x]#{y}!\nl~m";
    static final String VERSION = "v" + H;
    /** The loader refuses a destination that is not one plain word, so no hostile one can reach a command. */
    static final String DESTINATION = "staging";
    /** H without the backslash and newline that `while read line` would not give back. */
    static final String ROLE = "w b;c&&d|e'f\"g$(touch pwned-1)h`touch pwned-2`i${HOME}j$HOME*?[x]#{y}!~m";

    @TempDir
    static Path fixtures;

    static Configuration config;
    static Configuration hybrid;
    static Configuration pack;
    static Configuration cloud;
    static Configuration roleName;

    // Built without the validator, which refuses most of these values: the builders must quote them anyway.
    @BeforeAll
    static void loadFixtures() throws IOException {
        // the destination is a file name, so it is the one value that needs a file made for it
        Path dir = fixtures.resolve("hostile_values");
        Files.createDirectories(dir);
        Files.copy(Path.of("src/test/resources/commands/hostile_values/deploy.yml"), dir.resolve("deploy.yml"));
        Files.writeString(dir.resolve("deploy." + DESTINATION + ".yml"), "{}\n");
        config = Unvalidated.load(dir, Optional.of(DESTINATION));
        hybrid = Unvalidated.load(Path.of("src/test/resources/commands/hostile_values_hybrid_builder"), Optional.empty());
        pack = Unvalidated.load(Path.of("src/test/resources/commands/hostile_values_pack_builder"), Optional.empty());
        cloud = Unvalidated.load(Path.of("src/test/resources/commands/hostile_values_cloud_builder"), Optional.empty());
        roleName = Unvalidated.load(Path.of("src/test/resources/commands/hostile_role_name"), Optional.empty());
    }

    /** A check of one run's outcome. */
    interface Expect {
        void verify(Run run) throws IOException;
    }

    /** Some call of {@code program} got {@code args} as consecutive arguments. */
    static Expect call(String program, String... args) {
        List<String> expected = List.of(args);
        return run -> assertTrue(run.calls().stream().anyMatch(c -> c.program().equals(program)
                        && Collections.indexOfSubList(c.args(), expected) >= 0),
                () -> "no " + program + " call with " + expected + " in " + run.calls() + "\nstderr: " + run.stderr());
    }

    /** Like {@link #call} with {@code $HOME/} (the directory the shell ran in) before the last argument. */
    static Expect callUnderHome(String program, String... args) {
        return run -> {
            String[] withHome = args.clone();
            withHome[withHome.length - 1] = run.home() + "/" + withHome[withHome.length - 1];
            call(program, withHome).verify(run);
        };
    }

    static Expect stdout(String text) {
        return run -> assertEquals(text, run.stdout(), () -> "stderr: " + run.stderr());
    }

    static Expect file(String relativePath, String content) {
        return run -> assertEquals(content, Files.readString(run.home().resolve(relativePath)));
    }

    record Case(String key, Cmd cmd, Map<String, String> env, Expect expect) {
        @Override
        public String toString() {
            return key;
        }
    }

    static Case of(String key, Cmd cmd, Expect expect) {
        return new Case(key, cmd, Map.of(), expect);
    }

    static Stream<Arguments> cases() {
        List<String> shells = new ArrayList<>(List.of("/bin/sh"));
        Stream.of("/bin/bash", "/usr/bin/bash").filter(p -> Files.isExecutable(Path.of(p))).findFirst().ifPresent(shells::add);
        List<Case> cases = new ArrayList<>();
        cases.addAll(appCases());
        cases.addAll(accessoryCases());
        cases.addAll(proxyCases());
        cases.addAll(builderCases());
        cases.addAll(otherCases());
        // the keys that one command carries are checked on one run of it
        Map<List<Object>, Case> byCommand = new LinkedHashMap<>();
        for (Case c : cases) {
            byCommand.merge(List.of(c.cmd().shellLine(), c.env()), c, (a, b) -> new Case(a.key() + ", " + b.key(), a.cmd(), a.env(),
                    run -> {
                        a.expect().verify(run);
                        b.expect().verify(run);
                    }));
        }
        return shells.stream().flatMap(shell -> byCommand.values().stream().map(c -> Arguments.of(c, shell)));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("cases")
    void valueReachesTheProgramAsWrittenAndNothingRuns(Case c, String shell, @TempDir Path scratch) throws Exception {
        StubbedShell sh = new StubbedShell(shell, scratch);
        Files.createDirectories(sh.home().resolve(".kamal"));
        Run run = sh.run(c.cmd().shellLine(), c.env());
        c.expect().verify(run);
        List<String> names = sh.fileNames();
        assertFalse(names.contains("pwned-1") || names.contains("pwned-2"), () -> "a command substitution ran: " + c.cmd());
    }

    // --- app containers (root and role keys, destination, version, host) ---

    static Role role() {
        return config.role("web " + H).orElseThrow();
    }

    static List<Case> appCases() {
        AppCommands app = new AppCommands(config, role(), "1.1.1.1");
        AppCommands hostileHost = new AppCommands(config, role(), "host " + H);
        AppCommands named = new AppCommands(roleName, roleName.role(ROLE).orElseThrow(), "1.1.1.1");
        Cmd run = app.run(VERSION, Optional.of("hostname " + H));
        String prefix = "app-web " + H + "-" + DESTINATION;
        AppCommands.LogOptions logOptions = new AppCommands.LogOptions(true, Optional.of("since " + H), Optional.of(10),
                Optional.of("grep " + H), Optional.of("-i " + H), Optional.of("container " + H));
        return List.of(
                of("volumes/0 (host path)", run, call("docker", "--volume", "/srv/" + H + ":/data")),
                of("volumes/1 (container path)", run, call("docker", "--volume", "/srv/x:/data " + H)),
                of("env/clear (key and value)", run, call("docker", "--env", "ENV " + H + "=value " + H)),
                of("servers/<role>/env", run, call("docker", "--env", "ROLE_ENV " + H + "=value " + H)),
                of("labels", run, call("docker", "--label", "label " + H + "=value " + H)),
                of("servers/<role>/labels", run, call("docker", "--label", "role-label " + H + "=value " + H)),
                of("servers/<role> (role label)", run, call("docker", "--label", "role=web " + H)),
                of("destination (label)", run, call("docker", "--label", "destination=" + DESTINATION)),
                of("logging/driver", run, call("docker", "--log-driver", "driver " + H)),
                of("logging/options", run, call("docker", "--log-opt", "opt " + H + "=value " + H)),
                of("servers/<role>/logging/options", run, call("docker", "--log-opt", "role-opt " + H + "=value " + H)),
                of("servers/<role>/options (value)", run, call("docker", "--option " + H, "value " + H)),
                of("servers/<role>/options (flag)", run, call("docker", "--flag " + H)),
                of("asset_path", run, callUnderHome("docker", "--volume",
                        app.assetVolumeDirectory(VERSION) + ":/assets " + H)),
                of("--version (name, env, image)", run, call("docker", "--name", prefix + "-" + VERSION)),
                of("--version (KAMAL_VERSION)", run, call("docker", "--env", "KAMAL_VERSION=" + VERSION)),
                of("--version (image)", run, call("docker", "registry.example.com:5000/dhh/app:" + VERSION)),
                of("destination (KAMAL_DESTINATION)", run, call("docker", "--env", "KAMAL_DESTINATION=" + DESTINATION)),
                of("hostname", run, call("docker", "--hostname", "hostname " + H)),
                of("servers/<role>/hosts (KAMAL_HOST)", hostileHost.run(VERSION, Optional.empty()),
                        call("docker", "--env", "KAMAL_HOST=host " + H)),
                of("stop --version", app.stop(VERSION), call("docker", "--filter", "name=^" + prefix + "-" + VERSION + "$")),
                of("rename --version", app.renameToReplaced(VERSION, "0123456789abcdef"),
                        call("docker", "rename", prefix + "-" + VERSION, prefix + "-" + VERSION + "_replaced_0123456789abcdef")),
                of("servers/<role> (filters)", app.info(), call("docker", "--filter", "label=role=web " + H)),
                new Case("servers/<role> (prefix stripped in the shell)", named.listVersions(),
                        StubbedShell.env("STUB_STDOUT", "app-" + ROLE + "-v1"), stdout("v1\n")),
                new Case("servers/<role> (current version)", named.currentRunningVersion(),
                        StubbedShell.env("STUB_STDOUT", "app-" + ROLE + "-v2"), stdout("v2\n")),
                of("servers/<role> (current container, nested sh -c)", app.currentRunningVersion(),
                        call("docker", "--filter", "label=role=web " + H)),
                of("app logs --since", app.logs(logOptions), call("xargs", "docker", "logs", "--timestamps", "--since", "since " + H)),
                of("app logs --container-id", app.logs(logOptions), call("xargs", "docker", "logs", "--timestamps", "--since",
                        "since " + H, "--tail", "10", "<stdin>container " + H)),
                of("app logs --grep", app.logs(logOptions), call("grep", "grep " + H, "-i", "a", "b;c&&d|e'f\"g$(touch",
                        "pwned-1)h`touch", "pwned-2`i${HOME}j$HOME\\k*?[x]#{y}!", "l~m")),
                of("app logs --follow --grep", app.followLogs(logOptions), call("grep", "grep " + H)),
                of("app exec --env", app.execInNewContainer(VERSION, "abcdef", "true", Map.of("EXEC " + H, "value " + H),
                        AppCommands.Interactive.NONE, false), call("docker", "--env", "EXEC " + H + "=value " + H)),
                of("app exec --reuse --env", app.execInExistingContainer(VERSION, "true", Map.of("EXEC " + H, "value " + H),
                        AppCommands.Interactive.NONE), call("docker", "--env", "EXEC " + H + "=value " + H, prefix + "-" + VERSION)),
                of("proxy/host", app.deployToProxy("id", VERSION), call("docker", "--host=host " + H)),
                of("proxy/path_prefix", app.deployToProxy("id", VERSION), call("docker", "--path-prefix=/prefix " + H)),
                of("proxy/healthcheck/path", app.deployToProxy("id", VERSION), call("docker", "--health-check-path=/up " + H)),
                of("proxy/logging/request_headers", app.deployToProxy("id", VERSION), call("docker", "--log-request-header=X-Request " + H)),
                of("proxy/logging/response_headers", app.deployToProxy("id", VERSION),
                        call("docker", "--log-response-header=X-Response " + H)),
                of("servers/<role> (proxy service)", app.deployToProxy("id " + H, VERSION),
                        call("docker", "deploy", prefix, "--target=id " + H + ":80")),
                of("app maintenance --message", app.maintenance(Optional.of(5), Optional.of("message " + H)),
                        call("docker", "--message=message " + H)),
                of("asset_path (extract)", app.extractAssets(VERSION),
                        call("docker", "cp", "-L", prefix + "-assets:/assets " + H + "/.", app.assetExtractedDirectory(VERSION))),
                of("asset_path (sync)", app.syncAssetVolumes(VERSION, Optional.of("old " + H)),
                        call("cp", "-rnT", app.assetExtractedDirectory(VERSION), app.assetVolumeDirectory("old " + H))),
                of("servers/<role> (old assets)", app.cleanUpAssets(VERSION),
                        call("find", "-name", "web " + H + "-*", "!", "-name", "web " + H + "-" + VERSION)),
                of("--version (error pages)", app.cleanUpErrorPages(VERSION), call("find", "-name", VERSION)),
                of("servers/<role> (tls directory)", app.createSslDirectory(),
                        call("mkdir", "-p", ".kamal/proxy/apps-config/app-" + DESTINATION + "/tls/web " + H)),
                of("--version (tag latest)", app.tagLatestImage(VERSION),
                        call("docker", "tag", "registry.example.com:5000/dhh/app:" + VERSION)));
    }

    // --- accessories ---

    static List<Case> accessoryCases() {
        Accessory db = config.accessory("db").orElseThrow();
        AccessoryCommands acc = new AccessoryCommands(config, db);
        Cmd run = acc.run(Optional.of("host " + H));
        String svc = "db " + H;
        List<Cmd> directories = acc.directories();
        AccessoryCommands.FileUpload file = acc.files().get(0);
        return List.of(
                of("accessories/<a>/service", run, call("docker", "run", "--name", svc)),
                of("accessories/<a>/network", run, call("docker", "--network", "net " + H)),
                of("accessories/<a>/labels", run, call("docker", "--label", "db-label " + H + "=value " + H)),
                of("accessories/<a>/options", run, call("docker", "--db-option " + H, "value " + H)),
                of("accessories/<a>/env/clear", run, call("docker", "--env", "DB_ENV " + H + "=value " + H)),
                of("accessories/<a>/host (KAMAL_HOST)", run, call("docker", "--env", "KAMAL_HOST=host " + H)),
                of("accessories/<a>/volumes", run, call("docker", "--volume", "/srv/db " + H + ":/var/lib/db")),
                of("accessories/<a>/directories (volume)", run, callUnderHome("docker", "--volume", svc + "/data " + H + ":/var/lib/data")),
                of("accessories/<a>/files (volume)", run, callUnderHome("docker", "--volume",
                        svc + "/etc/db " + H + ".cnf:/etc/db " + H + ".cnf")),
                of("logging/driver (accessory)", run, call("docker", "--log-driver", "driver " + H)),
                of("accessories/<a>/directories (mkdir)", directories.get(0), callUnderHome("mkdir", "-p", svc + "/data " + H)),
                of("accessories/<a>/directories/local", directories.get(1), callUnderHome("mkdir", "-p", svc + "/conf " + H)),
                of("accessories/<a>/directories/mode", directories.get(2), callUnderHome("chmod", "0700 " + H, svc + "/conf " + H)),
                of("accessories/<a>/directories/owner", directories.get(3), callUnderHome("chown", "owner " + H, svc + "/conf " + H)),
                of("accessories/<a>/files (directory)", file.makeDirectory(), call("mkdir", "-p", svc + "/etc")),
                of("accessories/<a>/files/mode", file.chmod(), call("chmod", "0600 " + H, svc + "/etc/db " + H + ".cnf")),
                of("accessories/<a>/files/owner", file.chown().orElseThrow(), call("chown", "owner " + H, svc + "/etc/db " + H + ".cnf")),
                of("accessories/<a> exec", acc.execInNewContainer("true", AppCommands.Interactive.NONE),
                        call("docker", "--network", "net " + H)),
                of("accessories/<a> exec --reuse", acc.execInExistingContainer("true", AppCommands.Interactive.NONE),
                        call("docker", "exec", svc)),
                of("accessory logs --since", acc.logs(true, Optional.of("since " + H), Optional.of(5), Optional.empty(), Optional.empty()),
                        call("docker", "logs", svc, "--since", "since " + H, "--tail", "5")),
                of("accessory logs --grep", acc.logs(false, Optional.empty(), Optional.empty(), Optional.of("grep " + H), Optional.empty()),
                        call("grep", "grep " + H)),
                of("accessory logs --follow --grep", acc.followLogs(false, Optional.of("grep " + H), Optional.empty()),
                        call("grep", "grep " + H)),
                of("accessories/<a>/service (remove)", acc.removeServiceDirectory(), call("rm", "-rf", svc)),
                of("accessories/<a>/service (filter)", acc.info(true, true), call("docker", "--filter", "label=service=" + svc)),
                of("accessories/<a>/proxy/host", acc.deployToProxy("id", VERSION), call("docker", "deploy", svc, "--target=id:80",
                        "--host=db-host " + H)));
    }

    // --- kamal-proxy ---

    static List<Case> proxyCases() {
        ProxyCommands proxy = new ProxyCommands(config, "1.1.1.1");
        return List.of(
                of("proxy/run/log_max_size", proxy.run(), call("docker", "--log-opt", "max-size=10m " + H)),
                of("proxy/run/options", proxy.run(), call("docker", "--proxy-opt " + H, "value " + H)),
                of("proxy logs --since", proxy.logs(false, Optional.of("since " + H), Optional.empty(), Optional.of("grep " + H), Optional.empty()),
                        call("docker", "logs", "kamal-proxy", "--since", "since " + H)),
                of("proxy logs --grep", proxy.logs(false, Optional.empty(), Optional.empty(), Optional.of("grep " + H), Optional.empty()),
                        call("grep", "grep " + H)));
    }

    // --- local builds ---

    static List<Case> builderCases() {
        BuilderCommands local = new BuilderCommands(config, "amd64");
        Cmd push = local.push(VERSION, "registry", false, false);
        BuilderCommands remote = new BuilderCommands(hybrid, "amd64");
        BuilderCommands packs = new BuilderCommands(pack, "amd64");
        Cmd packPush = packs.push("v1", "docker", false, false);
        return List.of(
                of("builder/driver", local.create().orElseThrow(), call("docker", "buildx", "create", "--name",
                        "kamal-local-driver " + H, "--driver=driver " + H)),
                of("builder/context", push, call("docker", "context " + H)),
                of("builder/dockerfile", push, call("docker", "--file", "Dockerfile " + H)),
                of("builder/target", push, call("docker", "--target", "target " + H)),
                of("builder/args", push, call("docker", "--build-arg", "ARG " + H + "=value " + H)),
                of("builder/secrets", push, call("docker", "--secret", "id=SECRET " + H)),
                of("builder/cache/options", push, call("docker", "--cache-to", "type=registry,ref=registry.example.com:5000/app-build-cache,mode=max " + H)),
                of("builder/provenance", push, call("docker", "--provenance", "mode=max " + H)),
                of("builder/context (classic build)", local.classicBuild(VERSION, false), call("docker", "build", "-t",
                        "registry.example.com:5000/dhh/app:" + VERSION)),
                new Case("--version (missing service label)", local.validateImage(VERSION), StubbedShell.env("STUB_EXIT", "1"),
                        stdout("Image registry.example.com:5000/dhh/app:" + VERSION + " is missing the 'service' label\n")),
                of("builder/remote (context)", remote.create().orElseThrow(), call("docker", "--docker", "host=ssh://docker@" + H)),
                of("builder/driver (hybrid)", remote.create().orElseThrow(), call("docker", "--driver=driver " + H)),
                of("builder/remote (check)", remote.inspectBuilder().orElseThrow(), call("grep", "-xq", "ssh://docker@" + H)),
                of("builder/pack/builder", packPush, call("pack", "--builder", "builder " + H)),
                of("builder/pack/buildpacks", packPush, call("pack", "--buildpack", "buildpack " + H)),
                of("builder/args (pack)", packPush, call("pack", "--env", "ARG " + H + "=value " + H)),
                of("builder/secrets (pack)", packPush, call("pack", "--env", "SECRET " + H)),
                of("builder/context (pack)", packPush, call("pack", "--path", "context " + H)),
                // "cloud org/name" is words for buildx, as in Kamal; each word arrives as written
                of("builder/driver (cloud)", new BuilderCommands(cloud, "amd64").create().orElseThrow(),
                        call("docker", "--driver", "cloud", "org/builder", "a", "b;c&&d|e'f\"g$(touch", "pwned-1)h`touch",
                                "pwned-2`i${HOME}j$HOME\\k*?[x]#{y}!", "l~m")));
    }

    // --- registry, audit, lock, interactive ssh ---

    static List<Case> otherCases() {
        String user = config.registry().username().orElseThrow().value();
        AuditorCommands.Stamp stamp = new AuditorCommands.Stamp("2026-01-01T00:00:00Z", "performer " + H);
        String details = LockCommands.details("message " + H, VERSION, "locker " + H, "2026-01-01T00:00:00Z");
        Cmd remote = Cmd.of("docker", "logs", "x " + H);
        return List.of(
                of("registry/username", RegistryCommands.login(config.registry().server(), new Sensitive(user), new Sensitive("p")),
                        call("docker", "login", "registry.example.com:5000", "-u", "user " + H, "--password-stdin")),
                of("audit (message, performer, role)", new AuditorCommands(config).record(stamp, "message " + H, Optional.of("role " + H)),
                        file(config.auditLogPath(), "[2026-01-01T00:00:00Z] [performer " + H + "] [" + DESTINATION + "] [role " + H
                                + "] message " + H + "\n")),
                of("lock acquire --message", new LockCommands(config).acquire("message " + H, VERSION, "locker " + H,
                        "2026-01-01T00:00:00Z"), run -> assertEquals(details, new String(Base64.getMimeDecoder().decode(
                        Files.readString(run.home().resolve(config.lockDirectory() + "/details"))), StandardCharsets.UTF_8))),
                of("ssh/config", new InteractiveSsh(config.ssh()).run(remote, "1.1.1.1"), call("ssh", "-F", "/etc/ssh/config " + H)),
                of("ssh/keys", new InteractiveSsh(config.ssh()).run(remote, "1.1.1.1"), callUnderHome("ssh", "-i", ".ssh/key " + H)),
                of("ssh/user and host", new InteractiveSsh(config.ssh()).run(remote, "host " + H),
                        call("ssh", "-t", "user " + H + "@host " + H, "-p", "22", remote.shellLine())),
                // a command by design, which ssh runs: it must reach ssh as written
                of("ssh/proxy_command", new InteractiveSsh(config.ssh()).run(remote, "1.1.1.1"),
                        call("ssh", "-o", "ProxyCommand=nc %h %p " + H)));
    }
}
