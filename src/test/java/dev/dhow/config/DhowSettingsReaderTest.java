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
                "x-dhow: unknown key: canary_typo (known: timeouts, keepalive)",
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
