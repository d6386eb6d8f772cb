package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    record Run(int exitCode, String out, String err) {}

    static Run run(Map<String, String> env, Path workingDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dhow.newCommandLine(new PrintWriter(out), new PrintWriter(err), env, workingDir).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixture(String scenario) {
        return Path.of("src/test/resources/config", scenario).toAbsolutePath();
    }

    @Test
    void printsTheResolvedRailsAppConfiguration() {
        Run r = run(Map.of(), fixture("rails_app"), "config", "--version", "999");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                ---
                :roles:
                - web
                :hosts:
                - 10.0.0.10
                :primary_host: 10.0.0.10
                :version: '999'
                :repository: ghcr.io/acme/storefront
                :absolute_image: ghcr.io/acme/storefront:999
                :service_with_version: storefront-999
                :volume_args:
                - --volume
                - storefront_storage:/rails/storage
                :ssh_options:
                  :user: root
                  :port: 22
                  :keepalive: true
                  :keepalive_interval: 30
                  :log_level: :fatal
                  :verify_host_key: accept_new
                :sshkit: {}
                :builder:
                  arch: amd64
                  args:
                    RUBY_VERSION: 3.3.5
                :logging:
                - --log-opt
                - max-size="10m"
                """, r.out());
    }

    @Test
    void configFileGivenAsAPathFromTheCurrentDirectory() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dhow.newCommandLine(new PrintWriter(out), new PrintWriter(err))
                .execute("config", "-c", "src/test/resources/config/rails_app/config/deploy.yml", "--version", "abc");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains(":absolute_image: ghcr.io/acme/storefront:abc\n"), out.toString());
    }

    @Test
    void jobRoleSshProxyAndAccessoryArePrinted() {
        Run r = run(Map.of("VERSION", "from-env"), fixture("jobs_and_accessory"), "config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(":roles:\n- jobs\n- web\n"), r.out());
        // Kamal's order: roles by name (jobs before web), then accessories.
        assertTrue(r.out().contains(":hosts:\n- 10.1.0.3\n- 10.1.0.1\n- 10.1.0.2\n- 10.1.0.4\n"), r.out());
        assertTrue(r.out().contains(":primary_host: 10.1.0.1\n"), r.out());
        assertTrue(r.out().contains(":version: from-env\n"), r.out());
        assertTrue(r.out().contains("  :user: deploy\n  :port: 22\n  :proxy: root@bastion.example.com\n"), r.out());
        assertTrue(r.out().contains(":accessories:\n  db:\n    image: postgres:16\n"), r.out());
        assertTrue(r.out().contains("    directories:\n    - data:/var/lib/postgresql/data\n"), r.out());
    }

    @Test
    void destinationOverlayIsMergedAndSeesKamalDestination() {
        Run r = run(Map.of("REGISTRY_USER", "ci-bot"), fixture("destination"), "config", "-d", "staging", "--version", "7");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(":roles:\n- jobs\n- web\n"), r.out());
        assertTrue(r.out().contains(":hosts:\n- 192.168.50.2\n- 192.168.50.1\n"), r.out());
        assertTrue(r.out().contains(":repository: registry.acme.internal/acme/portal\n"), r.out());
    }

    @Test
    void destinationIsRequiredWhenConfigured() {
        Run r = run(Map.of(), fixture("destination"), "config", "--version", "7");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("ERROR You must specify a destination"), r.err());
    }

    @Test
    void badFilesGiveOneMessagePerProblem() {
        Run r = run(Map.of(), fixture("invalid"), "config", "--version", "1");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of(
                "ERROR unknown key: colour",
                "servers/web/hosts: should be an array",
                "servers/web/labels/role: invalid label. destination, role, and service are reserved labels",
                "registry/username: is required",
                "registry/password: is required",
                "boot: unknown key: wiat",
                "ssh/port: should be a string"), lines);
    }

    @Test
    void missingConfigFileIsNamed() {
        Run r = run(Map.of(), fixture("rails_app"), "config", "-c", "config/missing.yml", "--version", "1");
        assertEquals(1, r.exitCode());
        assertEquals("ERROR Configuration file not found in config/missing.yml\n", r.err());
    }

    @Test
    void yamlSyntaxErrorsNameTheFileLineAndColumn(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/deploy.yml"), "service: app\nservers: [1.1.1.1\nimage: x\n");
        Run r = run(Map.of(), dir, "config", "--version", "1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().matches("ERROR config/deploy\\.yml:\\d+:\\d+: .+\n"), r.err());
    }

    @Test
    void versionComesFromGitWhenNotGiven() {
        // The fixture lives inside this project's git repository, so its HEAD commit is the version.
        Run r = run(Map.of(), fixture("rails_app"), "config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*:version: '?[0-9a-f]{40}'?\n.*"), r.out());
    }
}
