package dev.dhow.cli;

import dev.dhow.ssh.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The launcher's warm-up run: a representative dhow session (init, config, server exec and plan over SSH) in a
 * temporary project against a {@link LoopbackServer}, so the class-data archive written at its exit
 * holds what real commands load, whichever command a user happens to run first. Prints nothing, touches nothing
 * outside its temporary directory; the launcher ignores its exit status (the archive is only an optimisation).
 */
public final class Training {
    /** What a host running the warm-up's web container answers to dhow plan's snapshot command (see PlanCommands). */
    private static final String PLAN_SNAPSHOT = String.join("\n",
            "@@dhow:home", "/root",
            "@@dhow:ps", "0123456789ab running warmup-web-warmup dhow/warmup:warmup service=warmup destination=",
            "@@dhow:inspect",
            "[{\"Id\": \"0123456789ab\", \"Name\": \"/warmup-web-warmup\", \"Created\": \"2026-01-01T00:00:00Z\", \"Image\": \"sha256:1\",",
            " \"State\": {\"Status\": \"running\"},",
            " \"Config\": {\"Image\": \"dhow/warmup:warmup\", \"Env\": [\"MODE=warmup\"], \"Cmd\": null, \"Entrypoint\": null,",
            "  \"Labels\": {\"service\": \"warmup\", \"role\": \"web\", \"destination\": \"\"}},",
            " \"HostConfig\": {\"Binds\": null, \"NetworkMode\": \"kamal\", \"PortBindings\": {}, \"RestartPolicy\": {\"Name\": \"unless-stopped\"},",
            "  \"LogConfig\": {\"Type\": \"json-file\", \"Config\": {\"max-size\": \"10m\"}}}},",
            " {\"Id\": \"sha256:1\", \"RepoTags\": [\"dhow/warmup:warmup\", \"dhow/warmup:latest\"], \"Config\": {\"Env\": [], \"Labels\": {\"service\": \"warmup\"}}},",
            " {\"Name\": \"kamal\", \"IPAM\": {}}]",
            "@@dhow:envkeys .kamal/apps/warmup/env/roles/web.env", "KAMAL_REGISTRY_PASSWORD",
            "@@dhow:proxy-state",
            "[{\"name\": \"warmup-web\", \"options\": {\"hosts\": [\"\"], \"path_prefixes\": [\"/\"]}, \"target_options\": {\"health_check_config\": {\"path\": \"/up\"}},",
            "  \"active_targets\": [\"0123456789ab:80\"], \"pause_controller\": {\"state\": 0}}]",
            "@@dhow:end", "");

    private Training() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Exception | LinkageError e) {
            status = 1;
        }
        System.exit(status);
    }

    static void run() throws IOException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("dhow-warmup");
        try {
            Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
            Path project = Files.createDirectories(dir.resolve("project"));
            KeyPair key = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
            Path keyFile = home.resolve(".ssh/id_ed25519");
            try (OutputStream out = Files.newOutputStream(keyFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "dhow-warmup", null, out);
            }
            // Only what a session needs: no agent (it might prompt), no user git identity; the temporary project is
            // not a git repository, so the version is given.
            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("VERSION", "warmup");
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            try (LoopbackServer server = LoopbackServer.start(dir.resolve("host_key"), key.getPublic(),
                    command -> command.startsWith("echo @@dhow:home") ? PLAN_SNAPSHOT : "")) {
                dhow(env, project, "init");
                Files.writeString(project.resolve("config/deploy.yml"), String.join("\n",
                        "service: warmup",
                        "image: dhow/warmup",
                        "servers:",
                        "  web: [127.0.0.1]",
                        "registry:",
                        "  server: localhost:5555",
                        "  username: warmup",
                        "  password: [KAMAL_REGISTRY_PASSWORD]",
                        "builder: {arch: amd64}",
                        "env:",
                        "  clear: {MODE: warmup}",
                        "  secret: [KAMAL_REGISTRY_PASSWORD]",
                        "ssh: {port: " + server.port() + ", keys: [" + keyFile + "], keys_only: true, config: false}",
                        ""));
                Files.writeString(project.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=warmup\n");
                dhow(env, project, "config");
                dhow(env, project, "server", "exec", "true");
                // plan reads docker inspect JSON (Jackson) and diffs it: the heaviest loading of any read-only command.
                dhow(env, project, List.of(0, 2), "plan");
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Runs one step; a failing step stops the warm-up (tests rely on it, the launcher ignores it). */
    private static void dhow(Map<String, String> env, Path project, String... args) {
        dhow(env, project, List.of(0), args);
    }

    private static void dhow(Map<String, String> env, Path project, List<Integer> success, String... args) {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
        StringWriter err = new StringWriter();
        int code = Dhow.newCommandLine(nowhere, new PrintWriter(err, true), env, project).execute(args);
        if (!success.contains(code)) {
            throw new IllegalStateException("warm-up step 'dhow " + String.join(" ", args) + "' exited " + code + ": " + err);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
