package dev.dhow.e2e;

import dev.dhow.cli.Dhow;
import dev.dhow.sandbox.HttpProbe;
import dev.dhow.sandbox.RequestLoop;
import dev.dhow.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One app project of the progressive-delivery tests on the shared three-host sandbox: its own service name and
 * proxy host (so the test classes' services never clash in the one kamal-proxy per host), the hello app, and
 * helpers to run dhow, read the version each host serves and change the next image's start script or hooks.
 */
final class ProgressiveProject {
    final Sandbox sandbox;
    final Path project;
    final Path home;
    final String service;
    final String host;
    private final String start;

    private ProgressiveProject(Sandbox sandbox, Path project, Path home, String service) throws IOException {
        this.sandbox = sandbox;
        this.project = project;
        this.home = home;
        this.service = service;
        this.host = service + ".test";
        this.start = Files.readString(project.resolve("start"));
    }

    /** A project deploying {@code service} to the sandbox's hosts {@code hosts}, with {@code extra} deploy.yml lines. */
    static ProgressiveProject create(Sandbox s, String service, List<Integer> hosts, String extra) throws IOException {
        Path project = Files.createTempDirectory("dhow-" + service + "-project");
        Path home = Files.createTempDirectory("dhow-" + service + "-home");
        DeployLifecycleE2ETest.copy(Path.of("examples/hello"), project);
        Files.createDirectories(project.resolve("config"));
        Files.createDirectories(project.resolve(".kamal/hooks"));
        Files.writeString(project.resolve(".kamal/secrets"), "REGISTRY_PASSWORD=sandbox\n");
        String servers = String.join(", ", hosts.stream().map(h -> s.host(h).address()).toList());
        Files.writeString(project.resolve("config/deploy.yml"), """
                service: %s
                image: %s
                servers:
                  web: [%s]
                ssh:
                  keys_only: true
                  keys: [%s]
                registry:
                  server: %s
                  username: sandbox
                  password: [REGISTRY_PASSWORD]
                proxy:
                  host: %s.test
                  healthcheck:
                    path: /up
                    interval: 1
                  run:
                    registry: %s
                    repository: %s
                    version: %s
                builder:
                  arch: amd64
                  context: .
                readiness_delay: 1
                deploy_timeout: 30
                drain_timeout: 5
                %s
                """.formatted(service, service, servers, s.sshKey(), s.registry(), service, s.proxyRegistry(), s.proxyRepository(),
                s.proxyVersion(), extra));
        return new ProgressiveProject(s, project, home, service);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.remove("VERSION");
        return env;
    }

    /** dhow in this JVM. */
    DeployLifecycleE2ETest.Run dhow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dhow.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), env(), project).execute(args);
        return new DeployLifecycleE2ETest.Run(code, out.toString(), err.toString());
    }

    /** dhow as its own process, for signals and for running beside the test's requests. */
    DhowProcess process(String... args) {
        return DhowProcess.start(project, env(), args);
    }

    /** The version sandbox host {@code n} serves for this service (through its kamal-proxy). */
    String version(int n, String... headerLines) throws IOException {
        return HttpProbe.get(sandbox.host(n).http("/version"), host, Duration.ofSeconds(5), List.of(headerLines)).body().strip();
    }

    RequestLoop loop(int n) {
        return RequestLoop.start(sandbox.host(n).http("/version"), host, 10, Duration.ofSeconds(10));
    }

    String on(int n, String command) {
        return sandbox.host(n).ssh(command).orThrow().stdout().strip();
    }

    /** The next image runs {@code prefix} before the app's own start script. */
    void startWith(String prefix) throws IOException {
        Files.writeString(project.resolve("start"), prefix + "\n" + start);
    }

    void normalStart() throws IOException {
        Files.writeString(project.resolve("start"), start);
    }

    void hook(String name, String script) throws IOException {
        Path file = project.resolve(".kamal/hooks/" + name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void removeHook(String name) throws IOException {
        Files.deleteIfExists(project.resolve(".kamal/hooks/" + name));
    }
}
