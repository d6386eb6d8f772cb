package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.commands.ProxyCommands.BootConfigFile;
import dev.dhow.commands.ProxyCommands.BootConfigOptions;
import dev.dhow.config.Configuration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyCommandsTest {
    static final String DOCKER_RUN = "docker run --name kamal-proxy --network kamal --detach --restart unless-stopped --volume kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy --volume $PWD/.kamal/proxy/apps-config:/home/kamal-proxy/.apps-config";

    ProxyCommands proxy(String scenario) {
        return new ProxyCommands(Fixtures.load(scenario), "1.1.1.1");
    }

    @Test
    void runWithoutProxyRunReadsTheLegacyBootFiles() {
        assertEquals("echo $(cat .kamal/proxy/options 2> /dev/null || echo \"--publish 80:80 --publish 443:443 --log-opt max-size=10m\") $(cat .kamal/proxy/image 2> /dev/null || echo \"basecamp/kamal-proxy\"):$(cat .kamal/proxy/image_version 2> /dev/null || echo \"v0.9.2\") $(cat .kamal/proxy/run_command 2> /dev/null || echo \"\") | xargs " + DOCKER_RUN,
                proxy("proxy").run().toString());
    }

    @Test
    void runWithBindIpsPublishesOnEachIp() {
        assertEquals(DOCKER_RUN + " --publish 0.0.0.0:80:80 --publish 0.0.0.0:443:443 --publish 127.0.0.1:80:80 --publish 127.0.0.1:443:443 --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2 kamal-proxy run",
                proxy("proxy_bind_ips").run().toString());
    }

    @Test
    void runWithMetricsPortExposesItAndPassesItToKamalProxy() {
        assertEquals(DOCKER_RUN + " --publish 80:80 --publish 443:443 --log-opt max-size=10m --expose=9090 basecamp/kamal-proxy:v0.9.2 kamal-proxy run --metrics-port \"9090\"",
                proxy("proxy_metrics_port").run().toString());
    }

    @Test
    void startOrRunWithTheFullRunConfig() {
        assertEquals("docker container start kamal-proxy || " + DOCKER_RUN + " --publish 80:80 --publish 443:443 --log-opt max-size=10m --expose=9090 --cpus \"1.5\" registry:4443/basecamp/kamal-proxy:v0.9.2 kamal-proxy run --debug --metrics-port \"9090\"",
                proxy("proxy_run_config").startOrRun().toString());
    }

    @Test
    void startStopAndInfo() {
        assertEquals("docker container start kamal-proxy", proxy("proxy").start().toString());
        assertEquals("docker container stop kamal-proxy", proxy("proxy").stop().toString());
        assertEquals("docker ps --filter 'name=^kamal-proxy$'", proxy("proxy").info().toString());
    }

    @Test
    void versionReadsTheImageTagOfTheRunningProxy() {
        assertEquals("docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'", proxy("proxy").version().toString());
    }

    @Test
    void theNetworkTheDirectoryAndTheVersionGoInOneCommandWhoseLastLineIsTheVersion() {
        assertEquals("docker network create kamal ; mkdir -p .kamal/proxy/apps-config && docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'",
                proxy("proxy").networkDirectoryAndVersion().toString());
        assertEquals("v0.9.2", ProxyCommands.versionIn("a".repeat(64) + "\nv0.9.2\n"));
        assertEquals("", ProxyCommands.versionIn("a".repeat(64) + "\n"), "a new network's id is not a version");
        assertEquals("", ProxyCommands.versionIn(""));
    }

    @Test
    void versionsOlderThanTheMinimumAreDetected() {
        assertTrue(ProxyCommands.olderThanMinimum("v0.8.7"));
        assertTrue(ProxyCommands.olderThanMinimum("v0.9.1"));
        assertFalse(ProxyCommands.olderThanMinimum("v0.9.2"));
        assertFalse(ProxyCommands.olderThanMinimum("v0.10.0"));
        assertEquals("kamal-proxy version v0.8.0 is too old, run `kamal proxy reboot` in order to update to at least v0.9.2",
                ProxyCommands.tooOldMessage("v0.8.0"));
    }

    @Test
    void logsWithSinceLinesTimestampsAndGrep() {
        ProxyCommands p = proxy("proxy");
        assertEquals("docker logs kamal-proxy --timestamps 2>&1", p.logs(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).toString());
        assertEquals("docker logs kamal-proxy --since 2h --timestamps 2>&1", p.logs(true, Optional.of("2h"), Optional.empty(), Optional.empty(), Optional.empty()).toString());
        assertEquals("docker logs kamal-proxy --tail 10 --timestamps 2>&1", p.logs(true, Optional.empty(), Optional.of(10), Optional.empty(), Optional.empty()).toString());
        assertEquals("docker logs kamal-proxy 2>&1", p.logs(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).toString());
        assertEquals("docker logs kamal-proxy --timestamps 2>&1 | grep 'hello!'", p.logs(true, Optional.empty(), Optional.empty(), Optional.of("hello!"), Optional.empty()).toString());
    }

    @Test
    void followLogsWithGrepRunsOverSsh() {
        Configuration config = Fixtures.load("proxy");
        ProxyCommands p = new ProxyCommands(config, "1.1.1.1");
        InteractiveSsh ssh = new InteractiveSsh(config.ssh());
        assertEquals("ssh -t root@1.1.1.1 -p 22 'docker logs kamal-proxy --timestamps --tail 10 --follow 2>&1'",
                p.followLogs(ssh, "1.1.1.1", true, Optional.empty(), Optional.empty()).toString());
        assertEquals("ssh -t root@1.1.1.1 -p 22 'docker logs kamal-proxy --timestamps --tail 10 --follow 2>&1 | grep \"hello!\"'",
                p.followLogs(ssh, "1.1.1.1", true, Optional.of("hello!"), Optional.empty()).toString());
    }

    @Test
    void followLogsOverAnExistingConnectionAreTheRemotePartAlone() {
        assertEquals("docker logs kamal-proxy --tail 10 --follow 2>&1 | grep \"hello!\" -v",
                proxy("proxy").followLogs(false, Optional.of("hello!"), Optional.of("-v")).toString());
    }

    @Test
    void removalPrunesByTheKamalProxyImageTitle() {
        assertEquals("docker container prune --force --filter label=org.opencontainers.image.title=kamal-proxy", proxy("proxy").removeContainer().toString());
        assertEquals("docker image prune --all --force --filter label=org.opencontainers.image.title=kamal-proxy", proxy("proxy").removeImage().toString());
        assertEquals("rm -r .kamal/proxy", proxy("proxy").removeProxyDirectory().toString());
        assertEquals("ls .kamal/apps | wc -l", proxy("proxy").installedAppCount().toString());
    }

    @Test
    void cleanupTraefikStopsThenPrunesContainerAndImage() {
        assertEquals("docker container stop traefik ; docker container prune --force --filter label=org.opencontainers.image.title=Traefik && docker image prune --all --force --filter label=org.opencontainers.image.title=Traefik",
                proxy("proxy").cleanupTraefik().toString());
    }

    @Test
    void bootFileReadsAndResets() {
        ProxyCommands p = proxy("proxy");
        assertEquals("mkdir -p .kamal/proxy", p.ensureProxyDirectory().toString());
        assertEquals("mkdir -p .kamal/proxy/apps-config", p.ensureAppsConfigDirectory().toString());
        assertEquals("cat .kamal/proxy/options 2> /dev/null || echo \"--publish 80:80 --publish 443:443 --log-opt max-size=10m\"", p.readBootOptions().toString());
        assertEquals("cat .kamal/proxy/image 2> /dev/null || echo \"basecamp/kamal-proxy\"", p.readImage().toString());
        assertEquals("cat .kamal/proxy/image_version 2> /dev/null || echo \"v0.9.2\"", p.readImageVersion().toString());
        assertEquals("cat .kamal/proxy/run_command 2> /dev/null || echo \"\"", p.readRunCommand().toString());
        assertEquals(List.of("rm .kamal/proxy/options", "rm .kamal/proxy/image", "rm .kamal/proxy/image_version", "rm .kamal/proxy/run_command"),
                p.resetBootConfig().stream().map(Object::toString).toList());
    }

    @Test
    void bootConfigSetWithDefaultsRemovesEveryFile() {
        List<BootConfigFile> files = proxy("proxy").bootConfigFiles(BootConfigOptions.DEFAULT);
        assertTrue(files.stream().allMatch(f -> f.content().isEmpty()));
        assertEquals("rm .kamal/proxy/options", files.get(0).reset().toString());
    }

    @Test
    void bootConfigSetWritesNonDefaultValues() {
        BootConfigOptions o = new BootConfigOptions(true, List.of("127.0.0.1", "::1"), 8080, 8443, "20m",
                Optional.of("registry:4443"), Optional.of("myorg"), Optional.of("v0.9.3"), Optional.of(9090), true, List.of("cpus=1"));
        List<BootConfigFile> files = proxy("proxy").bootConfigFiles(o);
        assertEquals(Optional.of("--publish 127.0.0.1:8080:80 --publish 127.0.0.1:8443:443 --publish [::1]:8080:80 --publish [::1]:8443:443 --log-opt max-size=20m --expose=9090 --cpus=1"), files.get(0).content());
        assertEquals(Optional.of("registry:4443/myorg/kamal-proxy"), files.get(1).content());
        assertEquals(Optional.of("v0.9.3"), files.get(2).content());
        assertEquals(Optional.of("kamal-proxy run --debug --metrics-port \"9090\""), files.get(3).content());
    }

    @Test
    void bootConfigSetRejectsAnInvalidPublishIp() {
        BootConfigOptions o = new BootConfigOptions(true, List.of("not-an-ip"), 80, 443, "10m",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, List.of());
        assertThrows(IllegalArgumentException.class, () -> proxy("proxy").bootConfigFiles(o));
    }

    @Test
    void listAsksTheRunningProxyForItsServices() {
        assertEquals("docker exec kamal-proxy kamal-proxy list", new ProxyCommands(Fixtures.load("proxy"), "1.1.1.1").list().toString());
    }
}
