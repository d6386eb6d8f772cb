package dev.dhow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code --dry-run} output (stdout: every host's commands, in order) of every flow, pinned byte for byte
 * in {@code src/test/resources/deploy/dry-run-transcripts/<case>.txt}. Regenerate after a deliberate change with
 * {@code -Ddhow.transcripts.write=true}, and review the diff.
 */
class DryRunTranscriptTest {
    static final Path DIR = Path.of("src/test/resources/deploy/dry-run-transcripts");

    @TempDir Path tmp;

    static Stream<Arguments> flows() {
        return Stream.of(
                Arguments.of("setup", "simple", "setup --version v2"),
                Arguments.of("deploy", "simple", "deploy --version v2"),
                Arguments.of("deploy-skip-push", "simple", "deploy -P --version v2"),
                Arguments.of("redeploy", "simple", "redeploy --version v2"),
                Arguments.of("rollback", "simple", "rollback v1"),
                Arguments.of("remove", "simple", "remove -y"),
                Arguments.of("app-boot", "simple", "app boot --version v2"),
                Arguments.of("app-start", "simple", "app start --version v2"),
                Arguments.of("app-stop", "simple", "app stop"),
                Arguments.of("app-live", "simple", "app live"),
                Arguments.of("app-maintenance", "simple", "app maintenance"),
                Arguments.of("app-stale-containers-stop", "simple", "app stale_containers --stop"),
                Arguments.of("app-remove", "simple", "app remove"),
                Arguments.of("app-exec", "simple", "app exec --version v2 ls"),
                Arguments.of("app-exec-reuse", "simple", "app exec --reuse ls"),
                Arguments.of("build-push", "simple", "build push --version v2"),
                Arguments.of("build-pull", "simple", "build pull --version v2"),
                Arguments.of("proxy-boot", "simple", "proxy boot"),
                Arguments.of("proxy-reboot-rolling", "simple", "proxy reboot --rolling -y"),
                Arguments.of("proxy-remove", "simple", "proxy remove"),
                Arguments.of("prune-all", "simple", "prune all"),
                Arguments.of("registry-setup", "simple", "registry setup"),
                Arguments.of("server-bootstrap", "simple", "server bootstrap"),
                Arguments.of("lock-acquire", "simple", "lock acquire -m testing"),
                Arguments.of("accessory-boot-all", "accessories", "accessory boot all"),
                Arguments.of("accessory-reboot-mysql", "accessories", "accessory reboot mysql"),
                Arguments.of("accessory-remove-all", "accessories", "accessory remove all -y"),
                Arguments.of("accessory-upgrade", "accessories", "accessory upgrade -y"),
                Arguments.of("setup-accessories", "accessories", "setup --version v2"));
    }

    /**
     * Hosts run in parallel, so only each host's own order is fixed: the transcript lists each host's commands
     * (a command's continuation lines stay with it), hosts sorted, then the other output in order.
     */
    static String byHost(String out) {
        java.util.Map<String, StringBuilder> hosts = new java.util.TreeMap<>();
        StringBuilder other = new StringBuilder();
        StringBuilder current = null;
        for (String line : out.split("\n", -1)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[([^\\]]+)\\] (.*)$").matcher(line);
            if (m.matches()) {
                current = hosts.computeIfAbsent(m.group(1), k -> new StringBuilder());
                current.append(m.group(2)).append('\n');
            } else if (current != null && !line.isEmpty() && !line.startsWith("App Host:")) {
                current.append(line).append('\n');
            } else {
                current = null;
                other.append(line).append('\n');
            }
        }
        StringBuilder sb = new StringBuilder();
        hosts.forEach((host, lines) -> sb.append("== ").append(host).append('\n').append(lines));
        return sb.append("== other\n").append(other.toString().strip()).append('\n').toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void dryRunOutputOfEveryFlowIsPinned(String name, String scenario, String args) throws IOException {
        Harness h = new Harness(tmp, scenario);
        h.env.put("VERSION", "v0");
        h.local.fail("docker buildx version", 1, "docker: unknown command: docker buildx");
        h.local.answer("git rev-parse --show-toplevel", h.project.toString() + "\n");
        h.local.answer("git rev-parse HEAD", "0123456789abcdef\n");
        String[] argv = Stream.concat(Stream.of(args.split(" ")), Stream.of("--dry-run")).toArray(String[]::new);
        int code = h.dhow(argv);
        String transcript = "exit " + code + "\n" + byHost(h.out.replace(h.project.toString(), "/PROJECT")
                .replace(System.getProperty("java.io.tmpdir"), "/TMP").replaceAll("kamal-clones/app-[0-9a-f]+", "kamal-clones/app-HASH"));
        Path golden = DIR.resolve(name + ".txt");
        Path actual = Path.of("target/dry-run-transcripts", name + ".txt");
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, transcript);
        if (Boolean.getBoolean("dhow.transcripts.write")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, transcript);
        }
        assertEquals(Files.readString(golden), transcript, h.err);
    }
}
