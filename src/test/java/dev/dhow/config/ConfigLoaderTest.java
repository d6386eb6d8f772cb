package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String BASE = """
            service: app
            image: dhh/app
            registry: {username: dhh, password: [KAMAL_REGISTRY_PASSWORD]}
            builder: {arch: amd64}
            """;

    @TempDir Path dir;

    void write(String name, String yaml) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), yaml);
    }

    ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(dir, env, p -> Map.of("FROM_DOTENV", "loaded"));
    }

    Configuration load(String yaml) throws IOException {
        write("config/deploy.yml", yaml);
        return loader(Map.of()).load("config/deploy.yml", Optional.empty());
    }

    List<String> problems(String yaml) throws IOException {
        write("config/deploy.yml", yaml);
        return assertThrows(ConfigurationException.class, () -> loader(Map.of()).load("config/deploy.yml", Optional.empty())).problems();
    }

    @Test
    void minimalConfigGetsKamalDefaults() throws IOException {
        Configuration c = load(BASE + "servers: [1.1.1.1, 1.1.1.2]");
        assertEquals("app", c.service());
        assertEquals(List.of("web"), c.roleNames());
        assertEquals(Optional.of("1.1.1.1"), c.primaryHost());
        assertEquals("dhh/app:latest", c.latestImage());
    }

    @Test
    void destinationFileIsDeepMergedOnTop() throws IOException {
        write("config/deploy.yml", BASE + """
                servers: {web: [1.1.1.1, 1.1.1.2], jobs: {hosts: [1.1.1.3], cmd: bin/jobs}}
                env: {clear: {A: base, B: base}, secret: [S1]}
                proxy: {host: app.example.com, app_port: 3000}
                """);
        write("config/deploy.staging.yml", """
                servers: {web: [2.2.2.1], jobs: {hosts: [2.2.2.2]}}
                env: {clear: {B: staging}, secret: [S2]}
                proxy: {host: staging.example.com}
                """);
        Configuration c = loader(Map.of()).load("config/deploy.yml", Optional.of("staging"));
        assertEquals(Optional.of("staging"), c.destination());
        // Hashes merge key by key; lists (hosts, secret) are replaced.
        assertEquals(List.of("2.2.2.1"), c.role("web").orElseThrow().hosts());
        assertEquals(List.of("2.2.2.2"), c.role("jobs").orElseThrow().hosts());
        assertEquals(Optional.of("bin/jobs"), c.role("jobs").orElseThrow().cmd());
        assertEquals(Map.of("A", "base", "B", "staging"), c.env().clear());
        assertEquals(List.of("S2"), c.env().secrets());
        assertEquals(List.of("staging.example.com"), c.proxy().hosts());
        assertEquals(3000, c.proxy().appPort());
        assertEquals("app-web-staging", c.role("web").orElseThrow().containerPrefix());
    }

    @Test
    void destinationFileNameFollowsTheConfigFileName() {
        assertEquals("config/deploy.staging.yml", ConfigLoader.destinationFile("config/deploy.yml", "staging"));
        assertEquals("other/app.production.yml", ConfigLoader.destinationFile("other/app.yaml", "production"));
        assertEquals("deploy.x.yml", ConfigLoader.destinationFile("deploy", "x"));
    }

    @Test
    void missingFilesAreReported() throws IOException {
        assertEquals("Configuration file not found in config/deploy.yml",
                assertThrows(DhowException.class, () -> loader(Map.of()).load("config/deploy.yml", Optional.empty())).getMessage());
        write("config/deploy.yml", BASE + "servers: [1.1.1.1]");
        assertEquals("Configuration file not found in config/deploy.prod.yml",
                assertThrows(DhowException.class, () -> loader(Map.of()).load("config/deploy.yml", Optional.of("prod"))).getMessage());
    }

    @Test
    void requireDestinationWithoutOneIsAnError() throws IOException {
        write("config/deploy.yml", BASE + "servers: [1.1.1.1]\nrequire_destination: true");
        assertEquals("You must specify a destination",
                assertThrows(DhowException.class, () -> loader(Map.of()).load("config/deploy.yml", Optional.empty())).getMessage());
        write("config/deploy.prod.yml", "");
        assertEquals(Optional.of("prod"), loader(Map.of()).load("config/deploy.yml", Optional.of("prod")).destination());
    }

    @Test
    void erbSeesTheEnvironmentAndTheDestination() throws IOException {
        write("config/deploy.yml", BASE + "servers: [<%= ENV['WEB_HOST'] %>]\nlabels: {dest: <%= ENV.fetch(\"KAMAL_DESTINATION\", \"none\") %>}");
        write("config/deploy.prod.yml", "labels: {dotenv: <%= ENV['FROM_DOTENV'] || 'absent' %>}");
        Configuration plain = loader(Map.of("WEB_HOST", "9.9.9.9")).load("config/deploy.yml", Optional.empty());
        assertEquals(List.of("9.9.9.9"), plain.allHosts());
        assertEquals(Map.of("dest", "none"), plain.labels());
        Configuration prod = loader(Map.of("WEB_HOST", "9.9.9.9")).load("config/deploy.yml", Optional.of("prod"));
        assertEquals(Map.of("dest", "prod", "dotenv", "absent"), prod.labels());
    }

    @Test
    void dotenvLoadedInTheBaseFileIsVisibleInTheDestinationFile() throws IOException {
        Files.writeString(dir.resolve(".env"), "ignored by the fake loader");
        write("config/deploy.yml", "<% require 'dotenv'; Dotenv.load %>\n" + BASE + "servers: [1.1.1.1]");
        write("config/deploy.prod.yml", "labels: {dotenv: <%= ENV['FROM_DOTENV'] || 'absent' %>}");
        assertEquals(Map.of("dotenv", "loaded"), loader(Map.of()).load("config/deploy.yml", Optional.of("prod")).labels());
    }

    @Test
    void extensionKeysAreIgnored() throws IOException {
        Configuration c = load("x-hosts: &hosts [1.1.1.1]\n" + BASE + "servers: *hosts");
        assertEquals(List.of("1.1.1.1"), c.allHosts());
    }

    @Test
    void minimumVersionIsComparedWithKamal2120() throws IOException {
        assertEquals(Optional.of("2.12.0"), load(BASE + "servers: [h]\nminimum_version: 2.12.0").minimumVersion());
        assertEquals(Optional.of("1.9"), load(BASE + "servers: [h]\nminimum_version: 1.9").minimumVersion());
        assertEquals(List.of("Current version is 2.12.0, minimum required is 2.13.0"), problems(BASE + "servers: [h]\nminimum_version: 2.13.0"));
        assertEquals(List.of("Current version is 2.12.0, minimum required is 3"), problems(BASE + "servers: [h]\nminimum_version: 3"));
    }

    @Test
    void structuralProblemsAreAllReportedBeforeAnythingIsBuilt() throws IOException {
        assertEquals(List.of("unknown key: foo", "servers/web/hosts: should be an array", "ssh/port: should be a string"),
                problems(BASE + "servers: {web: {hosts: x}}\nssh: {port: [1]}\nfoo: 1"));
    }

    @Test
    void requiredKeys() throws IOException {
        assertEquals(List.of("Missing required configuration for service", "Missing required configuration for image"),
                problems("registry: {username: a, password: b}\nbuilder: {arch: amd64}\nservers: [h]"));
        assertEquals(List.of("No servers or accessories specified"), problems(BASE));
        Configuration accessoriesOnly = load(BASE + "accessories: {db: {image: pg, host: 1.1.1.5}}");
        assertEquals(List.of("1.1.1.5"), accessoriesOnly.allHosts());
        assertEquals(Optional.empty(), accessoriesOnly.primaryHost());
    }

    @Test
    void primaryRoleMustExistAndHaveHosts() throws IOException {
        assertEquals(List.of("The primary_role web isn't defined"), problems(BASE + "servers: {workers: [h]}"));
        assertEquals(List.of("No servers specified for the web primary_role"), problems(BASE + "servers: {web: []}"));
        Configuration c = load(BASE + "servers: {workers: [h1], api: [h2]}\nprimary_role: workers");
        assertEquals(Optional.of("h1"), c.primaryHost());
        assertEquals(List.of("workers", "api"), c.rolesPrimaryFirst().stream().map(Role::name).toList());
    }

    @Test
    void emptyRolesNeedPermission() throws IOException {
        assertEquals(List.of("No servers specified for the jobs role. You can ignore this with allow_empty_roles: true"),
                problems(BASE + "servers: {web: [h], jobs: []}"));
        assertEquals(List.of("web", "jobs").size(), load(BASE + "servers: {web: [h], jobs: []}\nallow_empty_roles: true").roles().size());
    }

    @Test
    void semanticChecks() throws IOException {
        assertEquals(List.of("Must retain at least 1 container"), problems(BASE + "servers: [h]\nretain_containers: 0"));
        assertEquals(List.of("Service name can only include alphanumeric characters, hyphens, and underscores"),
                problems(BASE.replace("service: app", "service: my.app") + "servers: [h]"));
        assertEquals(List.of("SSL is only supported on a single server unless you provide custom certificates, found 2 servers for role web"),
                problems(BASE + "servers: [h1, h2]\nproxy: {ssl: true, host: a.com}"));
        assertEquals(List.of("Different roles can't share the same host for SSL: a.com"),
                problems(BASE + "servers: {web: [h1], api: {hosts: [h2], proxy: {ssl: true, host: a.com}}}\nproxy: {ssl: true, host: a.com}"));
        assertEquals(List.of("Local registry with remote builder requires an SSH URL (e.g., ssh://user@host)"),
                problems("service: app\nservers: [h]\nregistry: {server: 'localhost:5000'}\nbuilder: {arch: amd64, remote: tcp://b:2375}"));
        assertEquals(List.of("Conflicting proxy run configurations for host h"),
                problems(BASE + "servers: {web: {hosts: [h], proxy: {host: a.com, run: {http_port: 81}}}, api: {hosts: [h], proxy: {host: b.com, run: {http_port: 82}}}}"));
        assertEquals(List.of("Invalid hooks_output 'loud', must be one of: quiet, verbose"), problems(BASE + "servers: [h]\nhooks_output: loud"));
        assertEquals(List.of("Invalid hooks_output 'loud' for hook 'pre-deploy', must be one of: quiet, verbose"),
                problems(BASE + "servers: [h]\nhooks_output: {pre-deploy: loud}"));
    }

    @Test
    void servicesMayShareAServerWhenTheirHostOrPathDiffers() throws IOException {
        load(BASE + """
                servers:
                  web: {hosts: [h1, h2], proxy: {host: a.com}}
                  api: {hosts: [h1], proxy: {host: a.com, path_prefix: /api}}
                  admin: {hosts: [h2], proxy: {host: admin.a.com}}
                  other: {hosts: [h3], proxy: {host: a.com}}
                accessories:
                  grafana: {image: grafana, host: h1, proxy: {host: grafana.a.com}}
                """);
    }

    @Test
    void anAccessoryRoutingTheSameHostAndPathAsARoleIsRefused() throws IOException {
        assertEquals(List.of("accessories/grafana/proxy: accessory grafana and role web both route every host name at / on server h1;"
                        + " kamal-proxy refuses the second (host settings conflict with another service)"),
                problems(BASE + "servers: [h1]\naccessories: {grafana: {image: grafana, host: h1, proxy: {app_port: 3000}}}"));
    }

    @Test
    void aRouteConflictIsReportedOnceForAPairOfServices() throws IOException {
        assertEquals(1, problems(BASE + "servers: {web: [h1, h2], api: {hosts: [h1, h2], proxy: {path_prefixes: [/, /x]}}}").size());
    }

    @Test
    void wildcardHostsNeedTheirOwnCertificateAndTlsNeedsTheRootPath() throws IOException {
        load(BASE + "servers: [h1]\nproxy: {host: '*.a.com', ssl: {certificate_pem: C, private_key_pem: K}}");
        load(BASE + "servers: [h1]\nproxy: {host: a.com, path_prefixes: [/, /api], ssl: true}");
        load(BASE + "servers: {web: [h1], api: {hosts: [h2], proxy: {path_prefix: /api, ssl: false}}}\nproxy: {host: a.com, ssl: true}");
        assertEquals(List.of("servers/api/proxy: TLS settings must be specified on the root path service; with path_prefix, set ssl: false here"
                        + " (kamal-proxy gives it the TLS of the service on / of the same host)"),
                problems(BASE + "servers: {web: [h1], api: {hosts: [h2], proxy: {host: b.com, path_prefix: /api, ssl: true}}}"));
    }

    @Test
    void accessoriesWithOneContainerNameOnDifferentHostsAreAccepted() throws IOException {
        load(BASE + "servers: [h1]\naccessories: {db: {image: pg, host: h1}, db2: {image: pg, host: h2, service: app-db}}");
    }

    @Test
    void anEmptyDestinationFileOnlyRenamesTheDeploy() throws IOException {
        write("config/deploy.yml", BASE + "servers: [h]");
        write("config/deploy.eu.yml", "# nothing differs but the name\n");
        assertEquals("app-eu", loader(Map.of()).load("config/deploy.yml", Optional.of("eu")).serviceWithDestination());
    }

    @Test
    void customCertificatesAllowSslOnSeveralServers() throws IOException {
        Configuration c = load(BASE + "servers: [h1, h2]\nproxy: {host: a.com, ssl: {certificate_pem: C, private_key_pem: K}}");
        assertTrue(c.roles().get(0).ssl());
    }

    @Test
    void oldTraefikHooksMustBeRenamed() throws IOException {
        write(".kamal/hooks/pre-traefik-reboot", "#!/bin/sh\n");
        assertEquals(List.of("Found pre-traefik-reboot, these should be renamed to (pre|post)-proxy-reboot"), problems(BASE + "servers: [h]"));
    }

    @Test
    void everyProblemIsOnItsOwnLineInTheMessage() throws IOException {
        write("config/deploy.yml", BASE + "servers: {web: {hosts: x}}\nfoo: 1");
        DhowException e = assertThrows(DhowException.class, () -> loader(Map.of()).load("config/deploy.yml", Optional.empty()));
        assertEquals("unknown key: foo\nservers/web/hosts: should be an array", e.getMessage());
    }
}
