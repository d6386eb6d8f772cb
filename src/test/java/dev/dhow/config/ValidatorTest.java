package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    static final String BASE = """
            service: app
            image: dhh/app
            registry: {username: dhh, password: [PASSWORD]}
            builder: {arch: amd64}
            """;

    /** Problems found in BASE deep-merged with {@code overlay}. */
    static List<String> problems(String overlay) {
        Map<String, Object> raw = DeepMerge.merge(YamlReader.readMapping("base", BASE), YamlReader.readMapping("overlay", overlay));
        return new Validator().validate(raw);
    }

    static void assertProblems(String overlay, String... expected) {
        assertEquals(List.of(expected), problems(overlay));
    }

    @Test
    void aValidConfigurationHasNoProblems() {
        assertProblems("servers: [1.1.1.1]");
    }

    @Test
    void unknownRootKeysAreListedTogether() {
        assertProblems("servers: [1.1.1.1]\nfoo: 1\nbar: 2", "unknown keys: foo, bar");
        assertProblems("servers: [1.1.1.1]\nunknown: 1", "unknown key: unknown");
    }

    @Test
    void extensionKeysAreAllowedOnlyAtTheRoot() {
        assertProblems("servers: [1.1.1.1]\nx-anchor: {a: 1}");
        assertProblems("servers: [1.1.1.1]\nssh: {x-thing: 1}", "ssh: unknown key: x-thing");
    }

    @Test
    void rootTypesAreChecked() {
        assertProblems("""
                servers: [1.1.1.1]
                service: [a]
                retain_containers: many
                require_destination: maybe
                volumes: /a:/b
                labels: {a: [1]}
                ssh: true
                """,
                "service: should be a string",
                "retain_containers: should be an integer",
                "require_destination: should be a boolean",
                "volumes: should be an array",
                "labels/a: should be a string",
                "ssh: should be a hash");
    }

    @Test
    void numbersAndBooleansCountAsStrings() {
        assertProblems("servers: [1.1.1.1]\nminimum_version: 2.0\nasset_path: 123\nprimary_role: true\nhooks_path: [x]", "hooks_path: should be a string");
    }

    @Test
    void serversMustBeAnArrayOrAHash() {
        assertProblems("servers: 1.1.1.1", "servers: should be an array or a hash");
    }

    @Test
    void hostEntriesAreStringsOrOneKeyHashesOfTags() {
        assertProblems("servers: [1.1.1.1, {1.1.1.2: tag}, {1.1.1.3: [a, b]}]");
        assertProblems("servers: [{1.1.1.1: a, 1.1.1.2: b}]", "servers/0: multiple hosts found");
        assertProblems("servers: [[1.1.1.1]]", "servers/0: should be a string or a hash");
        assertProblems("servers: [{1.1.1.1: {a: b}}]", "servers/0/1.1.1.1: should be a string or an array");
        assertProblems("servers: [{1.1.1.1: [[a]]}]", "servers/0/1.1.1.1/0: should be a string");
    }

    @Test
    void roleHostsMustBeAnArray() {
        assertProblems("servers: {web: {hosts: 1.1.1.1}}", "servers/web/hosts: should be an array");
        assertProblems("servers: {web: {hosts: [1.1.1.1, {a: 1, b: 2}]}}", "servers/web/hosts/1: multiple hosts found");
        assertProblems("servers: {web: [{a: 1, b: 2}]}", "servers/web/0: multiple hosts found");
        assertProblems("servers: {web: ~}", "servers/web: should be an array or a hash");
    }

    @Test
    void roleKeysAreChecked() {
        assertProblems("""
                servers:
                  web:
                    hosts: [1.1.1.1]
                    cmd: [bin/web]
                    stop_timeout: soon
                    options: yes-please
                    proxy: on-please
                    unknown: 1
                """,
                "servers/web/cmd: should be a string",
                "servers/web/stop_timeout: should be an integer",
                "servers/web/options: should be a hash",
                "servers/web/proxy: should be a boolean or a hash",
                "servers/web: unknown key: unknown");
    }

    @Test
    void reservedLabelsAreRefused() {
        assertProblems("servers: {web: {hosts: [1.1.1.1], labels: {service: x, role: y, ok: z}}}",
                "servers/web/labels/service: invalid label. destination, role, and service are reserved labels",
                "servers/web/labels/role: invalid label. destination, role, and service are reserved labels");
    }

    @Test
    void restartPolicyMustBeAKnownStringValue() {
        assertProblems("servers: {web: {hosts: [1.1.1.1], options: {restart: on-failure:3}}}");
        assertProblems("servers: {web: {hosts: [1.1.1.1], options: {restart: sometimes}}}",
                "servers/web/options/restart: should be no, always, unless-stopped, on-failure, or on-failure:N");
        // Like Ruby, an unquoted no is the boolean false.
        assertProblems("servers: {web: {hosts: [1.1.1.1], options: {restart: no}}}",
                "servers/web/options/restart: should be a string. Use \"no\" to disable restarts");
    }

    @Test
    void registryNeedsCredentialsUnlessLocal() {
        List<String> found = new Validator().validate(YamlReader.readMapping("t", "service: a\nimage: b\nbuilder: {arch: amd64}\nservers: [1.1.1.1]"));
        assertEquals(List.of("registry/username: is required", "registry/password: is required"), found);
        assertProblems("servers: [1.1.1.1]\nregistry: {server: localhost:5555, username: ~, password: ~}");
        assertProblems("servers: [1.1.1.1]\nregistry: {password: [A, B]}",
                "registry/password: should be a string or an array with one string (for secret lookup)");
        assertProblems("servers: [1.1.1.1]\nregistry: {other: 1}", "registry: unknown key: other");
    }

    @Test
    void builderNeedsAnArch() {
        assertProblems("servers: [1.1.1.1]\nbuilder: {arch: ~}", "builder/arch: should be an array or a string", "builder: Builder arch not set");
        assertProblems("servers: [1.1.1.1]\nbuilder: {arch: [amd64, [arm64]]}", "builder/arch: should be an array or a string");
    }

    @Test
    void builderRules() {
        assertProblems("servers: [1.1.1.1]\nbuilder: {arch: [amd64, arm64], pack: {builder: b, buildpacks: [x]}}",
                "builder: buildpacks only support building for one arch");
        assertProblems("servers: [1.1.1.1]\nbuilder: {arch: amd64, cache: {type: s3}}", "builder: Invalid cache type: s3");
        assertProblems("servers: [1.1.1.1]\nbuilder: {arch: amd64, local: false}", "builder: Cannot disable local builds, no remote is set");
        assertProblems("servers: [1.1.1.1]\nbuilder: {arch: amd64, sbom: maybe, args: [a], cache: {image: [x]}}",
                "builder/sbom: should be a boolean", "builder/args: should be a hash", "builder/cache/image: should be a string");
    }

    @Test
    void envSimpleAndComplexForms() {
        assertProblems("servers: [1.1.1.1]\nenv: {A: b, C: 1}");
        assertProblems("servers: [1.1.1.1]\nenv: {A: [b]}", "env/A: should be a string");
        assertProblems("servers: [1.1.1.1]\nenv: {clear: {A: b}, secret: [S], other: 1}", "env: unknown key: other");
        assertProblems("servers: [1.1.1.1]\nenv: {secret: [[S]]}", "env/secret/0: should be a string");
        assertProblems("servers: [1.1.1.1]\nenv: {clear: {FOO: [x]}}", "env/clear/FOO: should be a string");
    }

    @Test
    void envTagsOnlyAtTheRoot() {
        assertProblems("servers: [1.1.1.1]\nenv: {tags: {tag1: {secret: [[x]]}}}", "env/tags/tag1/secret/0: should be a string");
        assertProblems("servers: {web: {hosts: [1.1.1.1], env: {tags: {a: {B: c}}}}}", "servers/web/env: tags are only allowed in the root env");
        assertProblems("servers: [1.1.1.1]\nenv: {tags: {a: {tags: {b: {C: d}}}}}", "env/tags/a: tags are only allowed in the root env");
        assertProblems("servers: [1.1.1.1]\nenv: {tags: {a: x}}", "env/tags/a: should be a hash");
    }

    @Test
    void accessoriesNeedExactlyOneHostSelector() {
        assertProblems("servers: [1.1.1.1]\naccessories: {db: {image: pg}}",
                "accessories/db: specify one of `host`, `hosts`, `role`, `roles`, `tag` or `tags`");
        assertProblems("servers: [1.1.1.1]\naccessories: {db: {image: pg, host: a, hosts: [b]}}",
                "accessories/db: specify one of `host`, `hosts`, `role`, `roles`, `tag` or `tags`");
    }

    @Test
    void accessoryKeysAreChecked() {
        assertProblems("""
                servers: [1.1.1.1]
                accessories:
                  db:
                    image: pg
                    host: 1.1.1.1
                    unknown: 1
                    files: [{local: a, remote: /b, mode: [x]}]
                    directories: data
                    labels: {service: x}
                    env: {tags: {a: {B: c}}}
                """,
                "accessories/db/files/0/mode: should be a string",
                "accessories/db/directories: should be an array",
                "accessories/db: unknown key: unknown",
                "accessories/db/labels/service: invalid label. destination, role, and service are reserved labels",
                "accessories/db/env: tags are only allowed in the root env");
    }

    @Test
    void accessoryRolesMustExist() {
        assertProblems("servers: {web: [1.1.1.1]}\naccessories: {db: {image: pg, roles: [web, jobs, cron]}}",
                "accessories/db: unknown roles jobs, cron");
        assertProblems("servers: {web: [1.1.1.1]}\naccessories: {db: {image: pg, role: jobs}}", "accessories/db: unknown role jobs");
    }

    @Test
    void accessoryTagsNeedRoleHashServers() {
        assertProblems("servers: [{1.1.1.1: db}]\naccessories: {db: {image: pg, tag: db}}",
                "accessories/db: tag and tags need servers written as a hash of roles (servers: {web: [{host: tag}]})");
        assertProblems("servers: {web: [{1.1.1.1: db}]}\naccessories: {db: {image: pg, tags: [db]}}");
    }

    @Test
    void accessoryRegistryAndProxyAreValidated() {
        assertProblems("servers: [1.1.1.1]\naccessories: {db: {image: pg, host: h, registry: {server: r.io}, proxy: {ssl: true}}}",
                "accessories/db/proxy: Must set a host to enable automatic SSL",
                "accessories/db/registry/username: is required",
                "accessories/db/registry/password: is required");
    }

    @Test
    void aliasNamesAndValues() {
        assertProblems("servers: [1.1.1.1]\naliases: {Bad: app details, deploy: app boot, ok: [x]}",
                "aliases/Bad: Invalid alias name: 'Bad'. Must only contain lowercase letters, alphanumeric, hyphens and underscores.",
                "aliases/deploy: Alias 'deploy' conflicts with a built-in command.",
                "aliases/ok: should be a string");
    }

    @Test
    void bootLoggingSshkitTypes() {
        assertProblems("servers: [1.1.1.1]\nboot: {limit: 25%, wait: later}\nlogging: {driver: [x]}\nsshkit: {dns_retries: often}",
                "boot/wait: should be an integer",
                "logging/driver: should be a string",
                "sshkit/dns_retries: should be an integer");
    }

    @Test
    void outputNeedsEndpointAndPath() {
        assertProblems("servers: [1.1.1.1]\noutput: {otel: {}, file: {}}", "output/otel: OTel endpoint is required", "output/file: file path is required");
        assertProblems("servers: [1.1.1.1]\noutput: {kafka: {}}", "output: unknown key: kafka");
    }

    @Test
    void proxyRules() {
        assertProblems("servers: [1.1.1.1]\nproxy: {ssl: true}", "proxy: Must set a host to enable automatic SSL");
        assertProblems("servers: [1.1.1.1]\nproxy: {host: a, hosts: [b]}", "proxy: Specify one of 'host' or 'hosts', not both");
        assertProblems("servers: [1.1.1.1]\nproxy: {host: a, ssl: {certificate_pem: C}}",
                "proxy: Missing private_key_pem setting (required when certificate_pem is present)");
        assertProblems("servers: [1.1.1.1]\nproxy: {host: a, ssl: {private_key_pem: K}}",
                "proxy: Missing certificate_pem setting (required when private_key_pem is present)");
        assertProblems("servers: [1.1.1.1]\nproxy: {run: {publish: false, http_port: 8080}}",
                "proxy: Cannot set http_port, https_port or bind_ips when publish is false");
        assertProblems("servers: [1.1.1.1]\nproxy: {run: {bind_ips: [0.0.0.0, '::1', not-an-ip]}}", "proxy: Invalid publish IP address: not-an-ip");
        assertProblems("servers: [1.1.1.1]\nproxy: {ssl: sometimes, app_port: web, healthcheck: {path: [x]}, run: {debug: 1}}",
                "proxy/ssl: should be a boolean or a hash",
                "proxy/app_port: should be an integer",
                "proxy/healthcheck/path: should be a string",
                "proxy/run/debug: should be a boolean",
                "proxy: Must set a host to enable automatic SSL");
        assertProblems("servers: [1.1.1.1]\nproxy: true", "proxy: should be a hash");
    }

    @Test
    void roleProxyIsValidatedOnItsOwn() {
        assertProblems("servers: {web: [1.1.1.1], api: {hosts: [1.1.1.2], proxy: {ssl: true, buffer: 1}}}",
                "servers/api/proxy: unknown key: buffer",
                "servers/api/proxy: Must set a host to enable automatic SSL");
    }

    @Test
    void sshRules() {
        assertProblems("servers: [1.1.1.1]\nssh: {port: '2222', config: [a, b], verify_host_key: always}");
        assertProblems("servers: [1.1.1.1]\nssh: {config: {a: b}}", "ssh/config: should be a boolean or a string or an array");
        assertProblems("servers: [1.1.1.1]\nssh: {verify_host_key: sometimes}", "ssh/verify_host_key: should be one of never, accept_new, always");
        assertProblems("servers: [1.1.1.1]\nssh: {keys: key.pem}", "ssh/keys: should be an array");
        assertProblems("servers: [1.1.1.1]\nssh: {port: ssh}", "ssh/port: should be a port number (1-65535)");
        assertProblems("servers: [1.1.1.1]\nssh: {port: 70000}", "ssh/port: should be a port number (1-65535)");
    }

    @Test
    void hooksOutputIsAStringOrAHashOfStrings() {
        assertProblems("servers: [1.1.1.1]\nhooks_output: {pre-deploy: [x]}", "hooks_output/pre-deploy: should be a string");
    }

    @Test
    void ipv6AddressesSshConfigAliasesAndOneHostInSeveralRolesAreAccepted() {
        assertProblems("servers: {web: ['2001:db8::1', web-eu-1], jobs: [web-eu-1, {'::1': [eu]}]}");
    }

    @Test
    void theSameHostTwiceInOneListIsReportedAtItsSecondPlace() {
        assertProblems("servers: {web: {hosts: [a, b, a, a]}}",
                "servers/web/hosts/2: a is listed twice (also servers/web/hosts/0)",
                "servers/web/hosts/3: a is listed twice (also servers/web/hosts/0)");
    }

    @Test
    void hostProblemsAreCollectedWithTheOtherProblems() {
        assertProblems("servers: ['a b', 1.2.3.999]\nssh: {port: 0}",
                "servers/0: \"a b\" contains a space; write each host as a list entry of its own (a missing comma?)",
                "servers/1: \"1.2.3.999\" is not a valid IPv4 address",
                "ssh/port: should be a port number (1-65535)");
    }

    @Test
    void integersBeyondTheirSettingsRangeAreRefusedInsteadOfWrappingAround() {
        assertProblems("servers: [h]\ndeploy_timeout: 4294967297\nproxy: {app_port: 4294967376, buffering: {memory: 10000000000}}",
                "deploy_timeout: is out of range",
                "proxy/app_port: should be a port number (1-65535)");
        assertProblems("servers: [h]\nproxy: {buffering: {memory: 99999999999999999999}}", "proxy/buffering/memory: is out of range");
    }

    @Test
    void zeroIsAllowedWhereItMeansNoWaitOrAnImmediateStop() {
        assertProblems("servers: {web: {hosts: [h], stop_timeout: 0}}\nreadiness_delay: 0\ndrain_timeout: 0\nboot: {limit: 1, wait: 0}"
                + "\nsshkit: {dns_retries: 0, pool_idle_timeout: 0}\nproxy: {buffering: {max_request_body: 0}}");
    }

    @Test
    void bootLimitsAreAHostCountOrAPercentage() {
        assertProblems("servers: [h]\nboot: {limit: 3}");
        assertProblems("servers: [h]\nboot: {limit: '100%'}");
        assertProblems("servers: [h]\nboot: {limit: 101%}", "boot/limit: should be a number of hosts (1 or more) or a percentage (1% to 100%)");
        assertProblems("servers: [h]\nboot: {limit: two}", "boot/limit: should be a number of hosts (1 or more) or a percentage (1% to 100%)");
    }

    @Test
    void proxyPathsKamalProxyNormalisesAreAccepted() {
        assertProblems("servers: [h]\nproxy: {path_prefix: 'api,/admin/', healthcheck: {path: up}}");
    }

    @Test
    void aBlankEntryInACommaListOfProxyHostsIsIgnoredButAnEmptyHostIsNot() {
        assertProblems("servers: [h]\nproxy: {host: 'a.example.com, b.example.com,'}");
        assertProblems("servers: [h]\nproxy: {host: ''}", "proxy/host: should not be empty");
    }

    @Test
    void publishedPortsMayBeEqualWhenNothingIsPublished() {
        assertProblems("servers: [h]\nproxy: {run: {publish: false, metrics_port: 9090}}");
        assertProblems("servers: [h]\nproxy: {run: {http_port: 443}}", "proxy/run: http_port and https_port are the same port (443)");
    }

    @Test
    void buildDriversAndTheDockerDriversLimits() {
        assertProblems("servers: [h]\nbuilder: {arch: [amd64, arm64], driver: cloud acme/builder}");
        assertProblems("servers: [h]\nbuilder: {arch: amd64, driver: docker, remote: ssh://b}",
                "builder: Invalid builder configuration: the `docker` driver does not not support remote builders");
        assertProblems("servers: [h]\nbuilder: {arch: [aarch64]}", "builder/arch/0: \"aarch64\": write arm64 (dhow adds linux/)");
    }

    @Test
    void sshSettingsKamalAcceptsStayAccepted() {
        assertProblems("servers: [h]\nssh: {user: app.deploy, log_level: ':debug', proxy: 'ssh://root@bastion:2222',"
                + " key_data: ['-----BEGIN OPENSSH PRIVATE KEY-----\\nabc\\n-----END OPENSSH PRIVATE KEY-----', SSH_KEY]}");
        assertProblems("servers: [h]\nssh: {user: 'deploy user'}", "ssh/user: \"deploy user\" is not a user name");
    }

    @Test
    void envNamesDockerPassesOnAreAcceptedEvenWithDotsAndDashes() {
        assertProblems("servers: [h]\nenv: {clear: {spring.datasource.url: x, my-flag: 'on', _UNDER: 1}, secret: ['spring.datasource.password:DB_PASSWORD']}");
        assertProblems("servers: [h]\nenv: {9LIVES: x}",
                "env/9LIVES: \"9LIVES\" is not an environment variable name (letters, digits, _ . -; not starting with a digit)");
    }

    @Test
    void aVariableSecretInOneEnvAndClearInAnotherIsLeftToKamalsMerge() {
        assertProblems("servers: {web: {hosts: [h], env: {clear: {A: x}}}}\nenv: {secret: [A]}");
    }

    @Test
    void localRegistryCredentialsAreNeitherRequiredNorChecked() {
        assertProblems("servers: [h]\nregistry: {server: 'localhost:5555', username: ~, password: [not-a-secret-name]}");
    }

    @Test
    void entriesListedTwiceAreRefusedWhereARepeatCannotBeMeant() {
        assertProblems("""
                servers: {web: [h], jobs: [{h2: [db]}]}
                accessories: {db: {image: pg, roles: [web, web]}, cache: {image: redis, tags: [db, db]}}
                builder: {arch: amd64, secrets: [NPM_TOKEN, NPM_TOKEN]}
                proxy: {path_prefixes: [/api, /api], logging: {response_headers: [X-Id, X-Id]}}
                """,
                "accessories/db/roles/1: web is listed twice",
                "accessories/cache/tags/1: db is listed twice",
                "builder/secrets/1: NPM_TOKEN is listed twice",
                "proxy/path_prefixes/1: /api is listed twice",
                "proxy/logging/response_headers/1: X-Id is listed twice");
    }

    @Test
    void everyProblemIsCollected() {
        List<String> found = problems("servers: {web: {hosts: x}}\nssh: {port: [1]}\nboot: {wait: x}\nfoo: 1");
        assertEquals(4, found.size(), found.toString());
        assertTrue(found.contains("unknown key: foo"));
    }
}
