package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DhowSettingsReaderTest {
    static Map<String, Object> yaml(String text) {
        return YamlReader.readMapping("config/deploy.yml", text);
    }

    @Test
    void aKamalFileWithoutXDhowGetsTheDefaults() {
        Map<String, Object> raw = yaml("service: app\n");
        assertEquals(List.of(), new DhowSettingsReader().check(raw));
        assertEquals(DhowSettings.DEFAULT, new DhowSettingsReader().read(raw));
        assertEquals(Duration.ofSeconds(4), DhowSettings.DEFAULT.keepAlive().interval());
    }

    @Test
    void timeoutsAndKeepAliveAreReadInSeconds() {
        DhowSettings s = new DhowSettingsReader().read(yaml("""
                x-dhow:
                  timeouts: {command: 30, pull: 1200}
                  keepalive: {interval: 2, count: 5}
                """));
        assertEquals(Duration.ofSeconds(30), s.timeouts().command());
        assertEquals(Duration.ofSeconds(1200), s.timeouts().pull());
        assertEquals(Duration.ofSeconds(3600), s.timeouts().build(), "unset keys keep their default");
        assertEquals(new DhowSettings.KeepAlive(Duration.ofSeconds(2), 5), s.keepAlive());
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        assertEquals(List.of(
                "x-dhow: unknown key: canary_typo (known: timeouts, keepalive, canary)",
                "x-dhow/timeouts: unknown key: deploy (known: command, pull, build, exec, bootstrap)",
                "x-dhow/timeouts/command: should be a whole number of at least 1",
                "x-dhow/keepalive/count: should be a whole number of at least 1"),
                new DhowSettingsReader().check(yaml("""
                        x-dhow:
                          canary_typo: 1
                          timeouts: {command: "2m", deploy: 3}
                          keepalive: {count: 0}
                        """)));
        assertEquals(List.of("x-dhow: should be a hash"), new DhowSettingsReader().check(yaml("x-dhow: true\n")));
    }

    @Test
    void canaryTakesSecondsOrDurationsWithUnitsAndDefaultsTheRest() {
        assertEquals(java.util.Optional.empty(), new DhowSettingsReader().read(yaml("x-dhow: {}\n")).canary());
        assertEquals(java.util.Optional.of(DhowSettings.Canary.DEFAULT), new DhowSettingsReader().read(yaml("x-dhow:\n  canary:\n")).canary());
        assertEquals(java.util.Optional.of(DhowSettings.Canary.DEFAULT), new DhowSettingsReader().read(yaml("x-dhow: {canary: true}\n")).canary());
        DhowSettings s = new DhowSettingsReader().read(yaml("""
                x-dhow:
                  canary: {hosts: 2, soak: 1m30s, interval: 500ms}
                """));
        assertEquals(new DhowSettings.Canary(2, Duration.ofSeconds(90), Duration.ofMillis(500)), s.canary().orElseThrow());
        assertEquals(Duration.ofSeconds(45), new DhowSettingsReader().read(yaml("x-dhow: {canary: {soak: 45}}\n")).canary().orElseThrow().soak());
    }

    @Test
    void canaryProblemsNameTheirKeyPath() {
        assertEquals(List.of(
                "x-dhow/canary: unknown key: host (known: hosts, soak, interval)",
                "x-dhow/canary/soak: should be a duration: seconds (30) or with units (30s, 2m, 1m30s, 500ms), more than 0",
                "x-dhow/canary/interval: should be a duration: seconds (30) or with units (30s, 2m, 1m30s, 500ms), more than 0"),
                new DhowSettingsReader().check(yaml("x-dhow: {canary: {host: 1, soak: soon, interval: 0}}\n")));
        assertEquals(List.of("x-dhow/canary/hosts: should be a whole number of at least 1"),
                new DhowSettingsReader().check(yaml("x-dhow: {canary: {hosts: 0}}\n")));
        assertEquals(List.of("x-dhow/canary: should be a hash"), new DhowSettingsReader().check(yaml("x-dhow: {canary: [1]}\n")));
    }

    @Test
    void stepLimitsTakeTheTimeoutsAndNeverCutADockerStopShort() {
        Map<String, Object> raw = yaml("""
                service: app
                image: app
                servers: [1.1.1.1]
                registry: {username: u, password: [P]}
                builder: {arch: amd64}
                drain_timeout: 300
                deploy_timeout: 60
                x-dhow:
                  timeouts: {command: 30}
                """);
        Configuration config = new ConfigFactory(raw, java.util.Optional.empty()).build();
        dev.dhow.deploy.StepLimits limits = dev.dhow.deploy.StepLimits.of(config);
        assertEquals(Duration.ofSeconds(330), limits.command(), "docker stop waits up to the drain timeout");
        assertEquals(Duration.ofSeconds(60 + 300 + 330), limits.proxyDeploy());
        assertEquals(Duration.ZERO, limits.of(dev.dhow.deploy.StepLimits.Step.FOLLOW));
    }
}
