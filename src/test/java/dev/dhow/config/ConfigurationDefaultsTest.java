package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every key's default when absent and its value when set. */
class ConfigurationDefaultsTest {
    static final String BASE = """
            service: app
            image: dhh/app
            registry: {username: dhh, password: [KAMAL_REGISTRY_PASSWORD]}
            builder: {arch: amd64}
            servers: [1.1.1.1]
            """;

    static Configuration build(String overlay) {
        return build(overlay, Optional.empty());
    }

    static Configuration build(String overlay, Optional<String> destination) {
        Map<String, Object> raw = DeepMerge.merge(YamlReader.readMapping("base", BASE), YamlReader.readMapping("overlay", overlay));
        List<String> problems = new Validator().validate(raw);
        assertEquals(List.of(), problems);
        return new ConfigFactory(raw, destination).build();
    }

    @Test
    void rootDefaults() {
        Configuration c = build("");
        assertEquals(Optional.empty(), c.destination());
        assertEquals(Map.of(), c.labels());
        assertEquals(List.of(), c.volumes());
        assertEquals("web", c.primaryRoleName());
        assertEquals(5, c.retainContainers());
        assertEquals(Timeouts.DEFAULT, c.timeouts());
        assertEquals(new Paths(Optional.empty(), ".kamal/hooks", ".kamal/secrets", Optional.empty(), ".kamal"), c.paths());
        assertFalse(c.requireDestination());
        assertFalse(c.allowEmptyRoles());
        assertEquals(Optional.empty(), c.minimumVersion());
        assertEquals(HooksOutput.UNSET, c.hooksOutput());
        assertEquals(Env.EMPTY, c.env());
        assertEquals(List.of(), c.envTags());
        assertEquals(Logging.EMPTY, c.logging());
        assertEquals(OutputConfig.NONE, c.output());
        assertEquals(Map.of(), c.aliases());
        assertEquals(BootConfig.DEFAULT, c.boot());
        assertEquals(SshkitConfig.DEFAULT, c.sshkit());
        assertEquals(List.of(), c.accessories());
    }

    @Test
    void rootValuesWhenSet() {
        Configuration c = build("""
                labels: {team: a}
                volumes: [/a:/b]
                asset_path: /public/assets:ro
                hooks_path: hooks
                hooks_output:
                  pre-deploy: :verbose
                  post-deploy: quiet
                secrets_path: secrets/app
                error_pages_path: public
                require_destination: true
                primary_role: web
                allow_empty_roles: true
                retain_containers: 3
                minimum_version: 2.0.0
                readiness_delay: 4
                deploy_timeout: 10
                drain_timeout: 11
                stop_timeout: 12
                run_directory: /etc/kamal
                """);
        assertEquals(Map.of("team", "a"), c.labels());
        assertEquals(List.of("/a:/b"), c.volumes());
        // run_directory is accepted and ignored, as in Kamal.
        assertEquals(new Paths(Optional.of("/public/assets:ro"), "hooks", "secrets/app", Optional.of("public"), ".kamal"), c.paths());
        assertEquals(Optional.of(HooksOutput.Level.VERBOSE), c.hooksOutput().forHook("pre-deploy"));
        assertEquals(Optional.of(HooksOutput.Level.QUIET), c.hooksOutput().forHook("post-deploy"));
        assertEquals(Optional.empty(), c.hooksOutput().forHook("pre-build"));
        assertTrue(c.requireDestination());
        assertTrue(c.allowEmptyRoles());
        assertEquals(3, c.retainContainers());
        assertEquals(Optional.of("2.0.0"), c.minimumVersion());
        assertEquals(new Timeouts(4, 10, 11, Optional.of(12)), c.timeouts());
        assertEquals(Optional.of(HooksOutput.Level.VERBOSE), build("hooks_output: verbose").hooksOutput().forHook("anything"));
    }

    @Test
    void derivedNamesWithoutDestination() {
        Configuration c = build("");
        assertEquals("app", c.serviceWithDestination());
        assertEquals("dhh/app", c.repository());
        assertEquals("dhh/app:999", c.absoluteImage("999"));
        assertEquals("dhh/app:latest", c.latestImage());
        assertEquals("app-999", c.serviceWithVersion("999"));
        assertEquals("app-web", c.roles().get(0).containerPrefix());
        assertEquals("app-web-999", c.roles().get(0).containerName("999"));
        assertEquals(".kamal/apps/app/env/roles/web.env", c.roleSecretsPath(c.roles().get(0)));
        assertEquals(".kamal/lock-app", c.lockDirectory());
        assertEquals(".kamal/app-audit.log", c.auditLogPath());
        assertEquals(".kamal/apps/app/assets", c.assetsDirectory());
    }

    @Test
    void derivedNamesWithDestinationAndRegistryServer() {
        Configuration c = build("registry: {server: registry.example.com}", Optional.of("staging"));
        assertEquals("app-staging", c.serviceWithDestination());
        assertEquals("registry.example.com/dhh/app", c.repository());
        assertEquals("registry.example.com/dhh/app:latest-staging", c.latestImage());
        assertEquals("app-web-staging", c.roles().get(0).containerPrefix());
        assertEquals(Map.of("service", "app", "role", "web", "destination", "staging"), c.roles().get(0).allLabels());
        assertEquals(".kamal/apps/app-staging/env/roles/web.env", c.roleSecretsPath(c.roles().get(0)));
        assertEquals(".kamal/lock-app-staging", c.lockDirectory());
        assertEquals(".kamal/app-staging-audit.log", c.auditLogPath());
    }

    @Test
    void theRawTreeCannotBeChanged() {
        Configuration c = build("accessories: {db: {image: pg, host: h}}");
        Map<?, ?> accessories = (Map<?, ?>) c.raw().get("accessories");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> accessories.clear());
    }

    @Test
    void abbreviatedVersionKeepsUncommittedVersionsWhole() {
        assertEquals("1234567", Configuration.abbreviatedVersion("1234567890abcdef"));
        assertEquals("abc_uncommitted_1234", Configuration.abbreviatedVersion("abc_uncommitted_1234"));
    }

    @Test
    void localRegistryDefaultsTheImageToTheService() {
        Configuration c = build("image: ~\nregistry: {server: 'localhost:5555', username: ~, password: ~}".replace("image: ~\n", ""));
        assertTrue(c.registry().local());
        assertEquals(Optional.of(5555), c.registry().localPort());
        Map<String, Object> raw = YamlReader.readMapping("t", "service: app\nregistry: {server: 'localhost:5555'}\nbuilder: {arch: amd64}\nservers: [h]");
        assertEquals("app", new ConfigFactory(raw, Optional.empty()).build().image());
        assertEquals("localhost:5555/app", new ConfigFactory(raw, Optional.empty()).build().repository());
    }

    @Test
    void registryCredentialsInlineOrSecret() {
        Registry r = build("").registry();
        assertEquals(Optional.of(new Credential("dhh", false)), r.username());
        assertEquals(Optional.of(new Credential("KAMAL_REGISTRY_PASSWORD", true)), r.password());
        SecretSource secrets = new SecretSource() {
            public Optional<String> find(String key) { return key.equals("KAMAL_REGISTRY_PASSWORD") ? Optional.of("pw") : Optional.empty(); }
            public java.util.Set<String> keys() { return java.util.Set.of("KAMAL_REGISTRY_PASSWORD"); }
        };
        assertEquals(Optional.of("pw"), r.password().orElseThrow().resolve(secrets));
        assertEquals(Optional.of("dhh"), r.username().orElseThrow().resolve(secrets));
        assertFalse(r.local());
        assertEquals(Optional.empty(), r.localPort());
    }

    @Test
    void arrayServersAreTheWebRoleWithTags() {
        Configuration c = build("servers: [1.1.1.1, {1.1.1.2: canary}, {1.1.1.3: [a, b]}]");
        Role web = c.roles().get(0);
        assertEquals("web", web.name());
        assertTrue(web.primary());
        assertEquals(List.of(new HostEntry("1.1.1.1", List.of()), new HostEntry("1.1.1.2", List.of("canary")),
                new HostEntry("1.1.1.3", List.of("a", "b"))), web.hostEntries());
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.3"), web.hosts());
    }

    @Test
    void roleDefaults() {
        Configuration c = build("servers: {web: [1.1.1.1], workers: [1.1.1.2]}");
        Role web = c.role("web").orElseThrow();
        Role workers = c.role("workers").orElseThrow();
        assertEquals(Optional.empty(), web.cmd());
        assertEquals(List.of(), web.options());
        assertEquals("unless-stopped", web.restartPolicy());
        assertEquals(Logging.EMPTY, web.logging());
        assertEquals(Map.of("max-size", "10m"), web.logging().effectiveOptions());
        // Proxy roles stop with Docker's default; others wait for drain_timeout.
        assertEquals(Optional.empty(), web.stopTimeout());
        assertEquals(Optional.of(30), workers.stopTimeout());
        assertTrue(web.runningProxy());
        assertFalse(workers.runningProxy());
        assertEquals(List.of("web"), c.proxyRoles().stream().map(Role::name).toList());
        assertEquals(Optional.empty(), web.assetPath());
        assertEquals(Map.of(), web.labels());
    }

    @Test
    void roleValuesMergeOverRootValues() {
        Configuration c = build("""
                labels: {team: a, tier: x}
                env: {clear: {A: root, B: root}, secret: [S1]}
                logging: {driver: json-file, options: {max-size: 10m}}
                asset_path: /root/assets
                proxy: {host: app.example.com, app_port: 3000}
                stop_timeout: 20
                servers:
                  web: [1.1.1.1]
                  jobs:
                    hosts: [1.1.1.2]
                    cmd: bin/jobs
                    stop_timeout: 90
                    options: {memory: 2g, cap-add: true, mount: [a, b], restart: always}
                    labels: {tier: jobs}
                    env: {clear: {B: role}, secret: [S2, S1]}
                    logging: {options: {max-file: 3}}
                    asset_path: /jobs/assets:ro
                    proxy: {app_port: 4000}
                """);
        Role jobs = c.role("jobs").orElseThrow();
        assertEquals(Optional.of("bin/jobs"), jobs.cmd());
        assertEquals(Optional.of(90), jobs.stopTimeout());
        assertEquals(Optional.of(20), c.role("web").orElseThrow().stopTimeout());
        assertEquals(List.of(new DockerOption("memory", List.of("2g")), new DockerOption("cap-add", List.of()),
                new DockerOption("mount", List.of("a", "b"))), jobs.options());
        assertTrue(jobs.options().get(1).flag());
        assertEquals("always", jobs.restartPolicy());
        assertEquals(Map.of("team", "a", "tier", "jobs"), jobs.labels());
        assertEquals(List.of("service", "role", "destination", "team", "tier"), List.copyOf(jobs.allLabels().keySet()));
        assertEquals("", jobs.allLabels().get("destination"));
        assertEquals(Map.of("A", "root", "B", "role"), jobs.env().clear());
        assertEquals(List.of("S1", "S2"), jobs.env().secrets());
        assertEquals(new Logging(Optional.of("json-file"), Map.of("max-size", "10m", "max-file", "3")), jobs.logging());
        assertEquals(Optional.of("/jobs/assets:ro"), jobs.assetPath());
        assertEquals(Optional.of("/jobs/assets"), jobs.assetPathInContainer());
        assertEquals(Optional.of("ro"), jobs.assetPathOptions());
        ProxyConfig proxy = jobs.proxy().orElseThrow();
        assertEquals(List.of("app.example.com"), proxy.hosts());
        assertEquals(4000, proxy.appPort());
        assertEquals(Optional.of("/root/assets"), c.role("web").orElseThrow().assetPath());
    }

    @Test
    void primaryRoleCanDisableTheProxyAndOthersEnableIt() {
        Configuration c = build("servers: {web: {hosts: [1.1.1.1], proxy: false}, api: {hosts: [1.1.1.2], proxy: true}}");
        assertFalse(c.role("web").orElseThrow().runningProxy());
        assertTrue(c.role("api").orElseThrow().runningProxy());
        assertEquals(List.of("1.1.1.2"), c.proxyHosts());
    }

    @Test
    void perHostEnvAddsTagEnvInTagOrder() {
        Configuration c = build("""
                servers: [1.1.1.1, {1.1.1.2: [a, b]}]
                env:
                  clear: {X: root}
                  secret: [S]
                  tags:
                    a: {X: a, Y: a}
                    b: {clear: {Y: b}, secret: [T]}
                """);
        Role web = c.roles().get(0);
        assertEquals(new Env(Map.of("X", "root"), List.of("S")), web.env("1.1.1.1"));
        Env tagged = web.env("1.1.1.2");
        assertEquals(Map.of("X", "a", "Y", "b"), tagged.clear());
        assertEquals(List.of("S", "T"), tagged.secrets());
        assertEquals(List.of("a", "b"), c.envTags().stream().map(EnvTag::name).toList());
    }

    @Test
    void secretAliasesMapEnvNamesToSecretKeys() {
        Env env = build("env: {secret: [A, 'DB_PASSWORD:MAIN_DB_PASSWORD']}").env();
        assertEquals(Map.of("A", "A", "DB_PASSWORD", "MAIN_DB_PASSWORD"), env.secretKeys());
        assertEquals(Map.of("A", "1"), build("env: {A: 1}").env().clear());
    }

    @Test
    void proxyDefaults() {
        ProxyConfig p = build("").proxy();
        assertEquals(List.of(), p.hosts());
        assertEquals(80, p.appPort());
        assertEquals(ProxyConfig.Ssl.OFF, p.ssl());
        assertEquals(Optional.empty(), p.sslRedirect());
        assertEquals(Optional.empty(), p.forwardHeaders());
        assertEquals(Optional.empty(), p.responseTimeout());
        assertEquals(List.of(), p.pathPrefixes());
        assertEquals(Optional.empty(), p.stripPathPrefix());
        assertEquals(ProxyConfig.Healthcheck.DEFAULT, p.healthcheck());
        assertEquals(ProxyConfig.Buffering.DEFAULT, p.buffering());
        assertEquals(List.of("Cache-Control", "Last-Modified", "User-Agent"), p.logging().requestHeaders());
        assertEquals(List.of(), p.logging().responseHeaders());
        assertEquals(Optional.empty(), p.run());
    }

    @Test
    void proxyValuesWhenSet() {
        ProxyConfig p = build("""
                proxy:
                  host: a.example.com,b.example.com
                  app_port: 3000
                  ssl: {certificate_pem: CERT, private_key_pem: KEY}
                  ssl_redirect: false
                  forward_headers: true
                  response_timeout: 10
                  path_prefix: /api,/oauth
                  strip_path_prefix: false
                  healthcheck: {interval: 3, timeout: 2, path: /health}
                  buffering: {requests: true, responses: false, max_request_body: 40_000_000, max_response_body: 0, memory: 2_000_000}
                  logging: {request_headers: [X-Req], response_headers: [X-Request-ID]}
                  run:
                    http_port: 8080
                    https_port: 8443
                    metrics_port: 9090
                    debug: true
                    log_max_size: 30m
                    bind_ips: [0.0.0.0]
                    registry: registry:4443
                    repository: me/kamal-proxy
                    version: v0.9.3
                    options: {cpus: 1.5, label: [a=b]}
                """).proxy();
        assertEquals(List.of("a.example.com", "b.example.com"), p.hosts());
        assertEquals(3000, p.appPort());
        assertTrue(p.ssl().customCertificate());
        assertTrue(p.sslEnabled());
        assertEquals(Optional.of("CERT"), p.ssl().certificatePem());
        assertEquals(Optional.of(false), p.sslRedirect());
        assertEquals(Optional.of(true), p.forwardHeaders());
        assertEquals(Optional.of(10), p.responseTimeout());
        assertEquals(List.of("/api", "/oauth"), p.pathPrefixes());
        assertEquals(Optional.of(false), p.stripPathPrefix());
        assertEquals(new ProxyConfig.Healthcheck(Optional.of(3), Optional.of(2), Optional.of("/health")), p.healthcheck());
        assertEquals(new ProxyConfig.Buffering(true, false, Optional.of(40_000_000L), Optional.of(0L), Optional.of(2_000_000L)), p.buffering());
        assertEquals(new ProxyConfig.ProxyLogging(List.of("X-Req"), List.of("X-Request-ID")), p.logging());
        ProxyRun run = p.run().orElseThrow();
        assertEquals(new ProxyRun(8080, 8443, Optional.of(9090), true, "30m", true, List.of("0.0.0.0"), Optional.of("registry:4443"),
                "me/kamal-proxy", "v0.9.3", List.of(new DockerOption("cpus", List.of("1.5")), new DockerOption("label", List.of("a=b")))), run);
        assertEquals("registry:4443/me/kamal-proxy:v0.9.3", run.image());
    }

    @Test
    void proxyRunDefaults() {
        ProxyRun run = build("proxy: {run: {debug: false}}").proxy().run().orElseThrow();
        assertEquals(80, run.httpPort());
        assertEquals(443, run.httpsPort());
        assertEquals(Optional.empty(), run.metricsPort());
        assertEquals("10m", run.logMaxSize());
        assertTrue(run.publish());
        assertEquals(List.of(), run.bindIps());
        assertEquals("basecamp/kamal-proxy:v0.9.2", run.image());
        assertEquals(Optional.of(run), build("proxy: {run: {debug: false}}").proxyRun("1.1.1.1"));
    }

    @Test
    void proxyHostsListAndSslTrue() {
        ProxyConfig p = build("proxy: {ssl: true, hosts: [a.com, b.com]}").proxy();
        assertEquals(List.of("a.com", "b.com"), p.hosts());
        assertTrue(p.sslEnabled());
        assertFalse(p.ssl().customCertificate());
    }

    @Test
    void sshDefaultsAndValues() {
        SshConfig d = build("").ssh();
        assertEquals(new SshConfig("root", 22, Optional.empty(), Optional.empty(), "fatal", Optional.empty(), List.of(), List.of(),
                SshConfig.ConfigFiles.DEFAULT, Optional.empty(), SshConfig.HostKeyVerification.ACCEPT_NEW), d);
        SshConfig s = build("""
                ssh:
                  user: app
                  port: "2222"
                  proxy: bastion
                  proxy_command: ssh -W %h:%p x
                  log_level: debug
                  keys_only: true
                  keys: [~/.ssh/id.pem]
                  key_data: [SSH_KEY]
                  config: [~/.ssh/a, ~/.ssh/b]
                  forward_agent: true
                  verify_host_key: always
                """).ssh();
        assertEquals("app", s.user());
        assertEquals(2222, s.port());
        assertEquals(Optional.of("root@bastion"), s.proxyJump());
        assertEquals(Optional.of("ssh -W %h:%p x"), s.proxyCommand());
        assertEquals("debug", s.logLevel());
        assertEquals(Optional.of(true), s.keysOnly());
        assertEquals(List.of("~/.ssh/id.pem"), s.keys());
        assertEquals(List.of("SSH_KEY"), s.keyData());
        assertEquals(new SshConfig.ConfigFiles(true, List.of("~/.ssh/a", "~/.ssh/b")), s.config());
        assertEquals(Optional.of(true), s.forwardAgent());
        assertEquals(SshConfig.HostKeyVerification.ALWAYS, s.verifyHostKey());
        assertEquals(Optional.of("deploy@bastion"), build("ssh: {proxy: deploy@bastion}").ssh().proxyJump());
        assertEquals(SshConfig.ConfigFiles.NONE, build("ssh: {config: false}").ssh().config());
        assertEquals(new SshConfig.ConfigFiles(true, List.of("x")), build("ssh: {config: x}").ssh().config());
        assertEquals(SshConfig.HostKeyVerification.NEVER, build("ssh: {verify_host_key: never}").ssh().verifyHostKey());
        assertEquals("fatal", build("ssh:\n  log_level: :fatal").ssh().logLevel());
    }

    @Test
    void sshkitValues() {
        assertEquals(new SshkitConfig(10, 300, 0), build("sshkit: {max_concurrent_starts: 10, pool_idle_timeout: 300, dns_retries: 0}").sshkit());
    }

    @Test
    void bootLimitAsNumberOrPercentageRoundedDownButAtLeastOne() {
        Configuration c = build("servers: [1.1.1.1, 1.1.1.2, 1.1.1.3]\naccessories: {db: {image: pg, host: 1.1.1.4}}\nboot: {limit: 50%, wait: 2, parallel_roles: true}");
        assertEquals(Optional.of(2), c.boot().limit(c.allHosts().size()));
        assertEquals(Optional.of(2), c.boot().waitSeconds());
        assertTrue(c.boot().parallelRoles());
        assertEquals(Optional.of(1), build("boot: {limit: 10%}").boot().limit(4));
        assertEquals(Optional.of(3), build("boot: {limit: 3}").boot().limit(4));
        assertEquals(Optional.empty(), build("").boot().limit(4));
    }

    @Test
    void builderDefaultsAndValues() {
        Builder d = build("").builder();
        assertEquals(List.of("amd64"), d.arches());
        assertEquals(Optional.empty(), d.remote());
        assertTrue(d.local());
        assertEquals(Optional.empty(), d.pack());
        assertEquals(Optional.empty(), d.cache());
        assertEquals(Optional.empty(), d.context());
        assertEquals(".", d.contextOrDot());
        assertEquals("Dockerfile", d.dockerfile());
        assertEquals(Optional.empty(), d.target());
        assertEquals(Map.of(), d.args());
        assertEquals(List.of(), d.secrets());
        assertEquals(Optional.empty(), d.ssh());
        assertEquals("docker-container", d.driver());
        assertEquals(Optional.empty(), d.provenance());
        assertEquals(Optional.empty(), d.sbom());
        Builder b = build("""
                builder:
                  arch: [amd64, arm64]
                  remote: ssh://docker@builder
                  local: false
                  cache: {type: registry, options: mode=max}
                  context: .
                  dockerfile: Dockerfile.prod
                  target: release
                  args: {RUBY_VERSION: 3.3.5}
                  secrets: [GITHUB_TOKEN]
                  ssh: default=$SSH_AUTH_SOCK
                  driver: cloud org/builder
                  provenance: false
                  sbom: true
                """).builder();
        assertEquals(List.of("amd64", "arm64"), b.arches());
        assertEquals(Optional.of("ssh://docker@builder"), b.remote());
        assertFalse(b.local());
        assertEquals(Optional.of(new Builder.Cache("registry", Optional.of("mode=max"), "dhh/app-build-cache")), b.cache());
        assertEquals(Optional.of("."), b.context());
        assertEquals("Dockerfile.prod", b.dockerfile());
        assertEquals(Optional.of("release"), b.target());
        assertEquals(Map.of("RUBY_VERSION", "3.3.5"), b.args());
        assertEquals(List.of("GITHUB_TOKEN"), b.secrets());
        assertEquals(Optional.of("default=$SSH_AUTH_SOCK"), b.ssh());
        assertTrue(b.cloud());
        assertEquals(Optional.of("false"), b.provenance());
        assertEquals(Optional.of(true), b.sbom());
        Builder pack = build("builder: {arch: amd64, pack: {builder: heroku/builder:24, buildpacks: [heroku/ruby]}, cache: {type: gha, image: c}}").builder();
        assertEquals(Optional.of(new Builder.Pack("heroku/builder:24", List.of("heroku/ruby"))), pack.pack());
        assertEquals("c", pack.cache().orElseThrow().image());
        assertTrue(build("builder: {arch: amd64, driver: docker}").builder().dockerDriver());
    }

    @Test
    void loggingOutputAndAliases() {
        Configuration c = build("""
                logging: {driver: local, options: {max-size: 100m}}
                output: {otel: {endpoint: 'http://otel:4318'}, file: {path: log}}
                aliases: {console: app exec -i --reuse "bin/rails console"}
                """);
        assertEquals(new Logging(Optional.of("local"), Map.of("max-size", "100m")), c.logging());
        assertEquals(new OutputConfig(Optional.of("http://otel:4318"), Optional.of("log")), c.output());
        assertTrue(c.output().enabled());
        assertEquals(Map.of("console", "app exec -i --reuse \"bin/rails console\""), c.aliases());
        assertEquals(Map.of(), new Logging(Optional.of("local"), Map.of()).effectiveOptions());
    }

    @Test
    void accessoryDefaults() {
        Accessory a = build("accessories: {redis: {image: redis:7, host: 1.1.1.9}}").accessory("redis").orElseThrow();
        assertEquals("app-redis", a.serviceName());
        assertEquals("redis:7", a.image());
        assertEquals(Optional.empty(), a.registry());
        assertEquals(List.of("1.1.1.9"), a.hosts());
        assertEquals(Optional.empty(), a.cmd());
        assertEquals(Optional.empty(), a.port());
        assertEquals(Map.of("service", "app-redis"), a.labels());
        assertEquals(List.of(), a.options());
        assertEquals("unless-stopped", a.restartPolicy());
        assertEquals(Env.EMPTY, a.env());
        assertEquals(List.of(), a.files());
        assertEquals(List.of(), a.directories());
        assertEquals(List.of(), a.volumes());
        assertEquals("kamal", a.network());
        assertEquals(Optional.empty(), a.proxy());
    }

    @Test
    void accessoryValues() {
        Configuration c = build("""
                servers: {web: [1.1.1.1, {1.1.1.2: db}], jobs: [1.1.1.3]}
                accessories:
                  mysql:
                    service: custom-mysql
                    image: mysql:8.0
                    registry: {server: other.registry, username: u, password: [P]}
                    tag: db
                    cmd: mysqld --x
                    port: 3306
                    labels: {backup: "true"}
                    options: {cpus: 4, restart: always}
                    env: {clear: {A: b}, secret: [MYSQL_ROOT_PASSWORD]}
                    files:
                      - config/my.cnf:/etc/mysql/my.cnf
                      - {local: config/key, remote: /etc/key, mode: "0600", owner: "mysql:mysql", options: Z}
                      - config/my.cnf:/etc/mysql/other.cnf:ro
                    directories:
                      - data:/var/lib/mysql:z
                      - {local: /srv/backups, remote: /backups}
                    volumes: [/var/log/mysql:/var/log/mysql]
                    network: custom
                    proxy: {host: db.example.com}
                  cache:
                    image: redis
                    roles: [web, jobs]
                  worker-cache:
                    image: redis
                    role: jobs
                  many:
                    image: redis
                    hosts: [1.1.1.8, 1.1.1.9]
                """);
        Accessory m = c.accessory("mysql").orElseThrow();
        assertEquals("custom-mysql", m.serviceName());
        assertEquals("other.registry/mysql:8.0", m.image());
        assertEquals(Optional.of("other.registry"), m.registry().orElseThrow().server());
        assertEquals(List.of("1.1.1.2"), m.hosts());
        assertEquals(Optional.of("mysqld --x"), m.cmd());
        assertEquals(Optional.of("3306:3306"), m.port());
        assertEquals(Map.of("service", "custom-mysql", "backup", "true"), m.labels());
        assertEquals(List.of(new DockerOption("cpus", List.of("4"))), m.options());
        assertEquals("always", m.restartPolicy());
        assertEquals(new Env(Map.of("A", "b"), List.of("MYSQL_ROOT_PASSWORD")), m.env());
        // Entries with the same local path collapse, as in Kamal (keyed by local file).
        assertEquals(List.of(
                new MountPath("config/my.cnf", "/etc/mysql/other.cnf", Optional.of("ro"), Optional.of("755"), Optional.empty()),
                new MountPath("config/key", "/etc/key", Optional.of("Z"), Optional.of("0600"), Optional.of("mysql:mysql"))), m.files());
        assertEquals(List.of(
                new MountPath("data", "/var/lib/mysql", Optional.of("z"), Optional.empty(), Optional.empty()),
                new MountPath("/srv/backups", "/backups", Optional.empty(), Optional.empty(), Optional.empty())), m.directories());
        assertEquals("custom-mysql/etc/key", m.fileHostPath(m.files().get(1)));
        assertEquals(List.of("/var/log/mysql:/var/log/mysql",
                "$PWD/custom-mysql/etc/mysql/other.cnf:/etc/mysql/other.cnf:ro",
                "$PWD/custom-mysql/etc/key:/etc/key:Z",
                "$PWD/custom-mysql/data:/var/lib/mysql:z",
                "/srv/backups:/backups"), m.volumeArgs());
        assertEquals("custom", m.network());
        assertEquals(List.of("db.example.com"), m.proxy().orElseThrow().hosts());
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.3"), c.accessory("cache").orElseThrow().hosts());
        assertEquals(List.of("1.1.1.3"), c.accessory("worker-cache").orElseThrow().hosts());
        assertEquals(List.of("1.1.1.8", "1.1.1.9"), c.accessory("many").orElseThrow().hosts());
        assertEquals(".kamal/apps/app/env/accessories/mysql.env", c.accessorySecretsPath(m));
        assertEquals(List.of("1.1.1.2"), c.proxyHosts().stream().filter(h -> h.equals("1.1.1.2")).toList());
        assertEquals(List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.8", "1.1.1.9"), c.allHosts());
    }

    @Test
    void referencedSecretKeysCoverEveryPlace() {
        Configuration c = build("""
                env: {secret: [A, 'B:B_KEY'], tags: {t: {secret: [T]}}}
                builder: {arch: amd64, secrets: [BUILD]}
                proxy: {host: x.com, ssl: {certificate_pem: CERT, private_key_pem: KEY}}
                accessories: {db: {image: pg, host: h, env: {secret: [DB]}, registry: {username: [RU], password: [RP]}}}
                """);
        assertEquals(List.of("A", "B_KEY", "T", "CERT", "KEY", "DB", "RU", "RP", "KAMAL_REGISTRY_PASSWORD", "BUILD"), c.referencedSecretKeys());
    }
}
